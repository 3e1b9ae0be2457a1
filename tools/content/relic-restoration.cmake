# relic-restoration (文物古迹复原): a conservation lab with a broken painted jar and its restored
# state, and a historic site with temple ruins and their reconstruction (model states toggled by
# hotspots), Mandarin narration per tour stop with zh/en subtitles, and a thumbnail.
# Generator: tools/content/relic/make_relic.py (numpy; deterministic for a seed). Narration:
# espeak-ng from experiences/relic-restoration/narration. Textures are 512 px by default (about
# 4 s in all); -DXRS_RELIC_TEXTURE_SIZE=1024 for more detail, 128 for a quick build.
set(XRS_RELIC_TEXTURE_SIZE 512 CACHE STRING "relic-restoration: texture height in pixels (16..2048)")
set(XRS_RELIC_SEED 20250311 CACHE STRING "relic-restoration: generator seed (textures and scatter)")
set(xrs_relic_dir ${PROJECT_SOURCE_DIR}/experiences/relic-restoration)
set(xrs_relic_out ${xrs_relic_dir}/generated)
set(xrs_relic_tool ${CMAKE_CURRENT_SOURCE_DIR}/relic)

# The generator needs numpy; the first interpreter that has it wins (a pyenv shim may not).
unset(xrs_relic_python)
foreach(candidate ${Python3_EXECUTABLE} /usr/bin/python3)
  execute_process(COMMAND ${candidate} -c "import numpy" RESULT_VARIABLE xrs_numpy_missing OUTPUT_QUIET ERROR_QUIET)
  if(xrs_numpy_missing EQUAL 0)
    set(xrs_relic_python ${candidate})
    break()
  endif()
endforeach()
find_program(XRS_ESPEAK_NG espeak-ng)
if(NOT xrs_relic_python OR NOT XRS_ESPEAK_NG)
  message(WARNING "relic-restoration content is not built: it needs python3 with numpy (python3-numpy) and espeak-ng")
  return()
endif()
# For tests/content (the determinism test runs the generator itself).
set(XRS_RELIC_PYTHON ${xrs_relic_python} CACHE INTERNAL "python3 with numpy for the relic generator")

# The generator also uses the museum's mesh, texture, material and narration modules.
file(GLOB xrs_relic_sources CONFIGURE_DEPENDS ${xrs_relic_tool}/*.py)
list(APPEND xrs_relic_sources ${CMAKE_CURRENT_SOURCE_DIR}/gltf_builder.py
     ${CMAKE_CURRENT_SOURCE_DIR}/museum/geometry.py ${CMAKE_CURRENT_SOURCE_DIR}/museum/textures.py
     ${CMAKE_CURRENT_SOURCE_DIR}/museum/materials.py)
set(xrs_relic_stops welcome fragments fills site ruins reconstruction)
set(xrs_relic_models lab vessel_broken vessel_restored site pavilion_ruins pavilion_restored thumbnail_scene)

set(xrs_relic_model_outputs)
foreach(model ${xrs_relic_models})
  list(APPEND xrs_relic_model_outputs ${xrs_relic_out}/${model}.glb)
endforeach()
add_custom_command(
  OUTPUT ${xrs_relic_model_outputs}
  COMMAND ${xrs_relic_python} ${xrs_relic_tool}/make_relic.py --out ${xrs_relic_out} --only models
          --seed ${XRS_RELIC_SEED} --texture-size ${XRS_RELIC_TEXTURE_SIZE}
  DEPENDS ${xrs_relic_sources}
  COMMENT "relic-restoration: generating the lab, the jar, the site and the hall"
  VERBATIM)

set(xrs_relic_narration_outputs)
set(xrs_relic_scripts)
foreach(stop ${xrs_relic_stops})
  list(APPEND xrs_relic_scripts ${xrs_relic_dir}/narration/${stop}.txt)
  list(APPEND xrs_relic_narration_outputs ${xrs_relic_out}/audio/${stop}.wav
       ${xrs_relic_out}/subtitles/${stop}.zh.vtt ${xrs_relic_out}/subtitles/${stop}.en.vtt)
endforeach()
add_custom_command(
  OUTPUT ${xrs_relic_narration_outputs}
  COMMAND ${xrs_relic_python} ${xrs_relic_tool}/make_relic.py --out ${xrs_relic_out} --only narration
          --scripts ${xrs_relic_dir}/narration --espeak ${XRS_ESPEAK_NG}
  DEPENDS ${xrs_relic_tool}/make_relic.py ${CMAKE_CURRENT_SOURCE_DIR}/museum/narration.py ${xrs_relic_scripts}
  COMMENT "relic-restoration: synthesising narration (espeak-ng) and timing subtitles"
  VERBATIM)

# The lobby thumbnail: the reconstructed hall in the evening light, from the path. `xrshow render`
# draws one model file, so the generator writes the site and the hall together for it.
add_custom_command(
  OUTPUT ${xrs_relic_out}/thumbnail.png
  COMMAND $<TARGET_FILE:xrshow> render ${xrs_relic_out}/thumbnail_scene.glb --out ${xrs_relic_out}/thumbnail.png
          --size 320x180 --eye left --fov 80 --camera eye=6.5,1.6,13,target=0,2.8,0
  DEPENDS ${xrs_relic_out}/thumbnail_scene.glb xrshow
  COMMENT "relic-restoration: rendering the thumbnail"
  VERBATIM)

# The media the experience references (what tests/content reads), without the CLI build.
add_custom_target(xrs_content_relic_restoration_media DEPENDS ${xrs_relic_model_outputs} ${xrs_relic_narration_outputs})
add_custom_target(xrs_content_relic_restoration DEPENDS ${xrs_relic_out}/thumbnail.png)
add_dependencies(xrs_content_relic_restoration xrs_content_relic_restoration_media)
add_dependencies(xrs_content xrs_content_relic_restoration)
