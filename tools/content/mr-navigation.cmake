# mr-navigation (虚实融合导航): way-finding arrows and labels over a street. On a headset with
# passthrough they would float over the camera view; here the "camera" is a 360° video of the
# fictional Qingshi old town, rendered from three viewpoints along the route.
#   tools/content/mrnav/make_town.py            -> the town (glTF, build tree)
#   xrshow capture-pano (route.py's viewpoints) -> equirect MP4s (build tree)
#   xrshow pack                                 -> experiences/mr-navigation/generated/video/<view>/
#   ffmpeg (first frame at the entrance)        -> generated/thumbnail.png (320x180)
#   tools/content/scenic/narration.py           -> generated/audio/*.wav, generated/subtitles/*.vtt
# CI size: 2048x1024 without supersampling, a 1 s loop of 4 frames at 4 fps (the lanterns' sway
# period): ~1.5-3 s a frame on a busy 2-core lavapipe (2x2 supersampling would cost 4x).
# Larger: -DXRS_MRNAV_CAPTURE_SIZE=4096x2048 -DXRS_MRNAV_CAPTURE_FRAMES=30 -DXRS_MRNAV_CAPTURE_FPS=30
# -DXRS_MRNAV_CAPTURE_SUPERSAMPLE=2, or -DXRS_CONTENT_FULL=ON (7680x3840, 30 frames at 30 fps,
# supersampled); keep frames a whole multiple of fps so the 1 s lantern sway (make_town.py) loops.
option(XRS_CONTENT_FULL "Build demo content at full size (8K panoramas)" OFF)
if(XRS_CONTENT_FULL)
  set(_mrnav_capture 7680x3840 30 30 2)
else()
  set(_mrnav_capture 2048x1024 4 4 1)
endif()
# Empty means the default above, so a build tree follows a change of the defaults.
set(XRS_MRNAV_CAPTURE_SIZE "" CACHE STRING "mr-navigation: panorama size WxH, 2:1 (empty: default)")
set(XRS_MRNAV_CAPTURE_FRAMES "" CACHE STRING "mr-navigation: frames per panorama video (empty: default)")
set(XRS_MRNAV_CAPTURE_FPS "" CACHE STRING "mr-navigation: panorama video frame rate (empty: default)")
set(XRS_MRNAV_CAPTURE_SUPERSAMPLE "" CACHE STRING "mr-navigation: capture supersampling 1..4 (empty: default)")
set(_mrnav_index 0)
foreach(setting SIZE FRAMES FPS SUPERSAMPLE)
  list(GET _mrnav_capture ${_mrnav_index} _mrnav_default)
  math(EXPR _mrnav_index "${_mrnav_index} + 1")
  if(XRS_MRNAV_CAPTURE_${setting})
    set(XRS_MRNAV_${setting} ${XRS_MRNAV_CAPTURE_${setting}})
  else()
    set(XRS_MRNAV_${setting} ${_mrnav_default})
  endif()
endforeach()
# For tests/content: the goldens are made at the CI default.
set(XRS_MRNAV_PANO_SIZE ${XRS_MRNAV_SIZE} CACHE INTERNAL "mr-navigation: the capture size in use")
set(XRS_MRNAV_PANO_FRAMES ${XRS_MRNAV_FRAMES} CACHE INTERNAL "mr-navigation: the frame count in use")
set(XRS_MRNAV_SEED 20241122 CACHE STRING "mr-navigation: generator seed")

set(_mrnav_dir ${PROJECT_SOURCE_DIR}/experiences/mr-navigation)
set(_mrnav_gen ${_mrnav_dir}/generated)
set(_mrnav_work ${CMAKE_CURRENT_BINARY_DIR}/mr-navigation)
set(_mrnav_tool ${CMAKE_CURRENT_SOURCE_DIR}/mrnav)

# The generator needs numpy; the first Python found may not have it (pyenv), Debian's does.
set(_mrnav_python "")
foreach(candidate ${Python3_EXECUTABLE} /usr/bin/python3)
  execute_process(COMMAND ${candidate} -c "import numpy" RESULT_VARIABLE _mrnav_numpy_missing
                  OUTPUT_QUIET ERROR_QUIET)
  if(_mrnav_numpy_missing EQUAL 0)
    set(_mrnav_python ${candidate})
    break()
  endif()
endforeach()
find_program(XRS_ESPEAK_NG espeak-ng)
find_program(XRS_FFMPEG ffmpeg)
# The shop signs' characters are drawn by ffmpeg's drawtext with this font (surfaces.py).
set(_mrnav_font /usr/share/fonts/truetype/wqy/wqy-microhei.ttc)
if(NOT _mrnav_python OR NOT XRS_ESPEAK_NG OR NOT XRS_FFMPEG OR NOT EXISTS ${_mrnav_font})
  message(WARNING "mr-navigation content skipped: needs Python 3 with numpy (python3-numpy), "
                  "espeak-ng, ffmpeg and fonts-wqy-microhei (tools/deps.sh installs them)")
  return()
endif()
# For tests/content (the determinism test runs the generator, the route test asks route.py).
set(XRS_MRNAV_PYTHON ${_mrnav_python} CACHE INTERNAL "python3 with numpy for the mr-navigation generator")

# The viewpoints are route.py's constants: "name|x,y,z|yaw;..." (re-read when route.py changes).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_mrnav_tool}/route.py)
execute_process(COMMAND ${_mrnav_python} ${_mrnav_tool}/route.py --cmake
                OUTPUT_VARIABLE _mrnav_views RESULT_VARIABLE _mrnav_route_failed)
if(_mrnav_route_failed)
  message(FATAL_ERROR "mr-navigation: tools/content/mrnav/route.py --cmake failed")
endif()

file(GLOB _mrnav_sources CONFIGURE_DEPENDS ${_mrnav_tool}/*.py)
list(APPEND _mrnav_sources ${CMAKE_CURRENT_SOURCE_DIR}/gltf_builder.py
     ${CMAKE_CURRENT_SOURCE_DIR}/scenic/meshes.py ${CMAKE_CURRENT_SOURCE_DIR}/scenic/textures.py)
set(_mrnav_scene ${_mrnav_work}/town.gltf)
add_custom_command(
  OUTPUT ${_mrnav_scene}
  COMMAND ${_mrnav_python} ${_mrnav_tool}/make_town.py --out ${_mrnav_scene} --seed ${XRS_MRNAV_SEED}
          --ffmpeg ${XRS_FFMPEG}
  DEPENDS ${_mrnav_sources}
  COMMENT "mr-navigation: generating the Qingshi old town"
  VERBATIM)

# Late-afternoon sky: warm haze at the horizon and warm bounce light from the paving, so shaded
# walls are not blue; the sun is in the glTF. --samples 1: MSAA is far slower on lavapipe.
set(_mrnav_sky --sky-zenith 0.11,0.25,0.60 --sky-horizon 0.86,0.76,0.62 --ground 0.30,0.24,0.18 --exposure 1.0)
if(XRS_MRNAV_SIZE MATCHES "^(7680|8192)x")
  set(_mrnav_pack --grid 8x4 --levels 3)
else()
  set(_mrnav_pack --grid 8x4 --levels 2)
endif()
set(_mrnav_media)
foreach(view ${_mrnav_views})
  string(REPLACE "|" ";" view "${view}")
  list(GET view 0 _name)
  list(GET view 1 _position)
  list(GET view 2 _yaw)
  set(_mp4 ${_mrnav_work}/${_name}.mp4)
  set(_manifest ${_mrnav_gen}/video/${_name}/manifest.json)
  add_custom_command(
    OUTPUT ${_mp4}
    COMMAND ${CMAKE_COMMAND} -E env XRS_SHADER_DIR=${CMAKE_BINARY_DIR}/shaders
            $<TARGET_FILE:xrshow> capture-pano ${_mrnav_scene} --size ${XRS_MRNAV_SIZE}
            --frames ${XRS_MRNAV_FRAMES} --fps ${XRS_MRNAV_FPS} --position ${_position} --yaw ${_yaw}
            --samples 1 --supersample ${XRS_MRNAV_SUPERSAMPLE} ${_mrnav_sky} --crf 16 --out ${_mp4}
    DEPENDS ${_mrnav_scene} xrshow xrs_shaders
    COMMENT "mr-navigation: capturing the ${_name} panorama (${XRS_MRNAV_SIZE}, ${XRS_MRNAV_FRAMES} frames)"
    USES_TERMINAL # its per-frame progress (bar, time left) shows as it goes
    VERBATIM)
  add_custom_command(
    OUTPUT ${_manifest}
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${_mrnav_gen}/video/${_name}
    COMMAND $<TARGET_FILE:xrshow> pack ${_mp4} --out ${_mrnav_gen}/video/${_name} ${_mrnav_pack}
    DEPENDS ${_mp4} xrshow
    COMMENT "mr-navigation: packing the ${_name} panorama"
    VERBATIM)
  list(APPEND _mrnav_media ${_manifest})
endforeach()

# Thumbnail: the gate and its tower seen from the entrance, first frame: a 120-degree 16:9 crop
# looking slightly up (the tower is close), scaled to 320x180.
add_custom_command(
  OUTPUT ${_mrnav_gen}/thumbnail.png
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_mrnav_gen}
  COMMAND ${XRS_FFMPEG} -hide_banner -loglevel error -y -i ${_mrnav_work}/entrance.mp4 -frames:v 1
          -vf "crop=iw/3:iw/3*9/16:iw/3:ih/2-iw/3*9/16*0.68,scale=320:180:flags=lanczos"
          -fflags +bitexact -flags:v +bitexact ${_mrnav_gen}/thumbnail.png
  DEPENDS ${_mrnav_work}/entrance.mp4
  COMMENT "mr-navigation: thumbnail"
  VERBATIM)

foreach(stop entrance crossing museum)
  set(_wav ${_mrnav_gen}/audio/${stop}.wav)
  add_custom_command(
    OUTPUT ${_wav} ${_mrnav_gen}/subtitles/${stop}.zh.vtt ${_mrnav_gen}/subtitles/${stop}.en.vtt
    COMMAND ${_mrnav_python} ${CMAKE_CURRENT_SOURCE_DIR}/scenic/narration.py ${_mrnav_dir}/narration/${stop}.txt
            ${_wav} ${_mrnav_gen}/subtitles/${stop}.zh.vtt ${_mrnav_gen}/subtitles/${stop}.en.vtt
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/scenic/narration.py ${_mrnav_dir}/narration/${stop}.txt
    COMMENT "mr-navigation: narration '${stop}' (espeak-ng)"
    VERBATIM)
  list(APPEND _mrnav_media ${_wav})
endforeach()

# The media the experience references (what tests/content reads), and the thumbnail.
add_custom_target(xrs_content_mr_navigation_media DEPENDS ${_mrnav_media})
add_custom_target(xrs_content_mr_navigation DEPENDS ${_mrnav_gen}/thumbnail.png)
add_dependencies(xrs_content_mr_navigation xrs_content_mr_navigation_media)
add_dependencies(xrs_content xrs_content_mr_navigation)
