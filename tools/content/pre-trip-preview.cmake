# pre-trip-preview (行前预览): a 360° video tour of the fictional Cloudmirror Lake scenic spot.
#   tools/content/scenic/make_scenic_spot.py  -> the scene (glTF, in the build tree)
#   xrshow capture-pano (two viewpoints)      -> equirect MP4s (build tree)
#   xrshow pack                               -> experiences/pre-trip-preview/generated/video/<view>/
#   ffmpeg (first frame of the lakeside video) -> generated/thumbnail.png
#   tools/content/scenic/narration.py (espeak-ng) -> generated/audio/*.wav, generated/subtitles/*.vtt
# Default (CI) size: 2048x1024, a 0.5 s loop at 30 fps (the capture is ~2 s a frame on lavapipe). -DXRS_CONTENT_FULL=ON: 7680x3840, 8 s at 30 fps
# (hours on lavapipe; minutes on a GPU). The viewpoints are the constants of make_scenic_spot.py.
option(XRS_CONTENT_FULL "Build demo content at full size (8K panoramas)" OFF)
set(_ptp_dir ${PROJECT_SOURCE_DIR}/experiences/pre-trip-preview)
set(_ptp_gen ${_ptp_dir}/generated)
set(_ptp_work ${CMAKE_CURRENT_BINARY_DIR}/pre-trip-preview)
set(_ptp_scenic ${CMAKE_CURRENT_SOURCE_DIR}/scenic)

# The generator needs numpy; the first Python found may not have it (pyenv), Debian's does.
set(_ptp_python "")
foreach(candidate ${Python3_EXECUTABLE} /usr/bin/python3)
  execute_process(COMMAND ${candidate} -c "import numpy" RESULT_VARIABLE _ptp_numpy_missing
                  OUTPUT_QUIET ERROR_QUIET)
  if(_ptp_numpy_missing EQUAL 0)
    set(_ptp_python ${candidate})
    break()
  endif()
endforeach()
find_program(XRS_ESPEAK_NG espeak-ng)
find_program(XRS_FFMPEG ffmpeg)
if(NOT _ptp_python OR NOT XRS_ESPEAK_NG OR NOT XRS_FFMPEG)
  message(WARNING "pre-trip-preview content skipped: needs Python 3 with numpy (python3-numpy), "
                  "espeak-ng and ffmpeg (tools/deps.sh installs them)")
  return()
endif()

if(XRS_CONTENT_FULL)
  set(_ptp_size 7680x3840)
  set(_ptp_frames 240)
  set(_ptp_pack --grid 8x4 --levels 3)
else()
  set(_ptp_size 2048x1024)
  set(_ptp_frames 15)
  set(_ptp_pack --grid 8x4 --levels 2)
endif()
set(_ptp_fps 30)
# For tests/content/pre-trip-preview.cmake.
set(XRS_PTP_PYTHON ${_ptp_python} CACHE INTERNAL "python3 with numpy for the scenic generator")
set(XRS_PTP_PANO_SIZE ${_ptp_size} CACHE INTERNAL "pre-trip-preview: the capture size in use")
set(XRS_PTP_PANO_FRAMES ${_ptp_frames} CACHE INTERNAL "pre-trip-preview: the frame count in use")
# Golden hour: warm horizon, deep blue zenith, sun from the west-south-west (set in the glTF).
set(_ptp_sky --sky-zenith 0.05,0.12,0.42 --sky-horizon 1.7,0.75,0.28 --ground 0.14,0.10,0.07 --exposure 1.15)

set(_ptp_scene ${_ptp_work}/cloudmirror.gltf)
set(XRS_PTP_SCENE ${_ptp_scene} CACHE INTERNAL "pre-trip-preview: the generated scene")
add_custom_command(
  OUTPUT ${_ptp_scene}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_ptp_work}
  COMMAND ${_ptp_python} ${_ptp_scenic}/make_scenic_spot.py ${_ptp_scene}
  DEPENDS ${_ptp_scenic}/make_scenic_spot.py ${_ptp_scenic}/meshes.py ${_ptp_scenic}/textures.py
          ${CMAKE_CURRENT_SOURCE_DIR}/gltf_builder.py
  COMMENT "pre-trip-preview: generating the Cloudmirror Lake scene"
  VERBATIM)

set(_ptp_outputs)
# name  position (eye height on the terrace / plaza)  yaw
foreach(view "lakeside|10,2.2,21|0" "gate|-58,2.6,48|0")
  string(REPLACE "|" ";" view "${view}")
  list(GET view 0 _name)
  list(GET view 1 _position)
  list(GET view 2 _yaw)
  set(_mp4 ${_ptp_work}/${_name}.mp4)
  set(_manifest ${_ptp_gen}/video/${_name}/manifest.json)
  add_custom_command(
    OUTPUT ${_mp4}
    COMMAND ${CMAKE_COMMAND} -E env XRS_SHADER_DIR=${CMAKE_BINARY_DIR}/shaders
            $<TARGET_FILE:xrshow> capture-pano ${_ptp_scene} --size ${_ptp_size} --frames ${_ptp_frames}
            --fps ${_ptp_fps} --position ${_position} --yaw ${_yaw} ${_ptp_sky} --crf 16 --out ${_mp4}
    DEPENDS ${_ptp_scene} xrshow xrs_shaders
    COMMENT "pre-trip-preview: capturing the ${_name} panorama (${_ptp_size}, ${_ptp_frames} frames)"
    USES_TERMINAL # its per-frame progress (bar, time left) shows as it goes
    VERBATIM)
  add_custom_command(
    OUTPUT ${_manifest}
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${_ptp_gen}/video/${_name}
    COMMAND $<TARGET_FILE:xrshow> pack ${_mp4} --out ${_ptp_gen}/video/${_name} ${_ptp_pack}
    DEPENDS ${_mp4} xrshow
    COMMENT "pre-trip-preview: packing the ${_name} panorama"
    VERBATIM)
  list(APPEND _ptp_outputs ${_manifest})
endforeach()

# Thumbnail: the view towards the pagoda from the lakeside, first frame, 16:9.
add_custom_command(
  OUTPUT ${_ptp_gen}/thumbnail.png
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_ptp_gen}
  COMMAND ${XRS_FFMPEG} -hide_banner -loglevel error -y -i ${_ptp_work}/lakeside.mp4 -frames:v 1
          -vf "crop=iw/4:iw/4*9/16:iw*3/8:ih/2-iw/4*9/16*0.62,scale=640:360:flags=lanczos"
          -fflags +bitexact -flags:v +bitexact ${_ptp_gen}/thumbnail.png
  DEPENDS ${_ptp_work}/lakeside.mp4
  COMMENT "pre-trip-preview: thumbnail"
  VERBATIM)
list(APPEND _ptp_outputs ${_ptp_gen}/thumbnail.png)

foreach(stop lakeside gate)
  set(_wav ${_ptp_gen}/audio/${stop}.wav)
  add_custom_command(
    OUTPUT ${_wav} ${_ptp_gen}/subtitles/${stop}.zh.vtt ${_ptp_gen}/subtitles/${stop}.en.vtt
    COMMAND ${_ptp_python} ${_ptp_scenic}/narration.py ${_ptp_dir}/narration/${stop}.txt ${_wav}
            ${_ptp_gen}/subtitles/${stop}.zh.vtt ${_ptp_gen}/subtitles/${stop}.en.vtt
    DEPENDS ${_ptp_scenic}/narration.py ${_ptp_dir}/narration/${stop}.txt
    COMMENT "pre-trip-preview: narration '${stop}' (espeak-ng)"
    VERBATIM)
  list(APPEND _ptp_outputs ${_wav})
endforeach()

add_custom_target(xrs_content_pre_trip_preview DEPENDS ${_ptp_outputs} ${_ptp_scene})
add_dependencies(xrs_content xrs_content_pre_trip_preview)
