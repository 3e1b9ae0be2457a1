# museum-tour (导游导览): a 6DoF museum hall with seven artifacts, Mandarin narration per tour
# stop with zh/en subtitles, and a thumbnail. Generator: tools/content/museum/make_museum.py
# (numpy; deterministic for a seed). Narration: espeak-ng from experiences/museum-tour/narration.
# Full-size textures are the default (512 px, a few seconds); -DXRS_MUSEUM_TEXTURE_SIZE=1024 for
# more detail, 128 for a quick CI build.
set(XRS_MUSEUM_TEXTURE_SIZE 512 CACHE STRING "museum-tour: texture height in pixels (16..2048)")
set(XRS_MUSEUM_SEED 20240917 CACHE STRING "museum-tour: generator seed")
set(xrs_museum_dir ${PROJECT_SOURCE_DIR}/experiences/museum-tour)
set(xrs_museum_out ${xrs_museum_dir}/generated)
set(xrs_museum_tool ${CMAKE_CURRENT_SOURCE_DIR}/museum)

# The generator needs numpy; the first interpreter that has it wins (a pyenv shim may not).
unset(xrs_museum_python)
foreach(candidate ${Python3_EXECUTABLE} /usr/bin/python3)
  execute_process(COMMAND ${candidate} -c "import numpy" RESULT_VARIABLE xrs_numpy_missing OUTPUT_QUIET ERROR_QUIET)
  if(xrs_numpy_missing EQUAL 0)
    set(xrs_museum_python ${candidate})
    break()
  endif()
endforeach()
find_program(XRS_ESPEAK_NG espeak-ng)
if(NOT xrs_museum_python OR NOT XRS_ESPEAK_NG)
  message(WARNING "museum-tour content is not built: it needs python3 with numpy (python3-numpy) and espeak-ng")
  return()
endif()
# For tests/content (the determinism test runs the generator itself).
set(XRS_MUSEUM_PYTHON ${xrs_museum_python} CACHE INTERNAL "python3 with numpy for the museum generator")

file(GLOB xrs_museum_sources CONFIGURE_DEPENDS ${xrs_museum_tool}/*.py)
list(APPEND xrs_museum_sources ${CMAKE_CURRENT_SOURCE_DIR}/gltf_builder.py)
set(xrs_museum_stops welcome ding meiping yuhuchun bowl bianzhong mask bi)

add_custom_command(
  OUTPUT ${xrs_museum_out}/hall.glb
  COMMAND ${xrs_museum_python} ${xrs_museum_tool}/make_museum.py --out ${xrs_museum_out} --only model
          --seed ${XRS_MUSEUM_SEED} --texture-size ${XRS_MUSEUM_TEXTURE_SIZE}
  DEPENDS ${xrs_museum_sources}
  COMMENT "museum-tour: generating the hall model"
  VERBATIM)

set(xrs_museum_narration_outputs)
set(xrs_museum_scripts)
foreach(stop ${xrs_museum_stops})
  list(APPEND xrs_museum_scripts ${xrs_museum_dir}/narration/${stop}.txt)
  list(APPEND xrs_museum_narration_outputs ${xrs_museum_out}/audio/${stop}.wav
       ${xrs_museum_out}/subtitles/${stop}.zh.vtt ${xrs_museum_out}/subtitles/${stop}.en.vtt)
endforeach()
add_custom_command(
  OUTPUT ${xrs_museum_narration_outputs}
  COMMAND ${xrs_museum_python} ${xrs_museum_tool}/make_museum.py --out ${xrs_museum_out} --only narration
          --scripts ${xrs_museum_dir}/narration --espeak ${XRS_ESPEAK_NG}
  DEPENDS ${xrs_museum_tool}/make_museum.py ${xrs_museum_tool}/narration.py ${xrs_museum_scripts}
  COMMENT "museum-tour: synthesising narration (espeak-ng) and timing subtitles"
  VERBATIM)

# The lobby thumbnail: the view down the hall from the welcome stop.
add_custom_command(
  OUTPUT ${xrs_museum_out}/thumbnail.png
  COMMAND $<TARGET_FILE:xrshow> render ${xrs_museum_out}/hall.glb --out ${xrs_museum_out}/thumbnail.png
          --size 320x180 --eye left --fov 80 --camera eye=0,1.6,10.2,target=0,1.25,1
  DEPENDS ${xrs_museum_out}/hall.glb xrshow
  COMMENT "museum-tour: rendering the thumbnail"
  VERBATIM)

# The media the experience references (what tests/content reads), without the CLI build.
add_custom_target(xrs_content_museum_tour_media DEPENDS ${xrs_museum_out}/hall.glb ${xrs_museum_narration_outputs})
add_custom_target(xrs_content_museum_tour DEPENDS ${xrs_museum_out}/thumbnail.png)
add_dependencies(xrs_content_museum_tour xrs_content_museum_tour_media)
add_dependencies(xrs_content xrs_content_museum_tour)
