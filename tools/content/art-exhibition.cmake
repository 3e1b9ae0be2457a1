# art-exhibition (艺术品展陈): a 6DoF painting gallery with five procedural paintings in frames
# and a six-metre hand scroll in a table vitrine, Mandarin narration per tour stop with zh/en
# subtitles, and a thumbnail. Generator: tools/content/art/make_art.py (numpy; deterministic for
# a seed). Narration: espeak-ng from experiences/art-exhibition/narration.
# The scroll is also written as a tile pyramid (generated/scroll/index.json + <level>/<col>_<row>.png,
# 512 px tiles), which the renderer streams where a visitor leans in (render/TiledImages.h).
# Default: 20480x1024 (about half a minute). -DXRS_ART_SCROLL_FULL=ON: 40960x2048 (minutes); the
# glTF keeps its 256-px-tall baked copy either way.
option(XRS_ART_SCROLL_FULL "art-exhibition: write the hand scroll's tile pyramid at 40960x2048" OFF)
set(XRS_ART_PAINTING_SIZE 768 CACHE STRING "art-exhibition: painting texture height in pixels (16..4096)")
set(XRS_ART_SEED 20250301 CACHE STRING "art-exhibition: generator seed")
if(XRS_ART_SCROLL_FULL)
  set(xrs_art_scroll_height 2048)
else()
  set(xrs_art_scroll_height 1024)
endif()
set(xrs_art_dir ${PROJECT_SOURCE_DIR}/experiences/art-exhibition)
set(xrs_art_out ${xrs_art_dir}/generated)
set(xrs_art_tool ${CMAKE_CURRENT_SOURCE_DIR}/art)

# The generator needs numpy; the first interpreter that has it wins (a pyenv shim may not).
unset(xrs_art_python)
foreach(candidate ${Python3_EXECUTABLE} /usr/bin/python3)
  execute_process(COMMAND ${candidate} -c "import numpy" RESULT_VARIABLE xrs_art_numpy_missing OUTPUT_QUIET ERROR_QUIET)
  if(xrs_art_numpy_missing EQUAL 0)
    set(xrs_art_python ${candidate})
    break()
  endif()
endforeach()
find_program(XRS_ESPEAK_NG espeak-ng)
if(NOT xrs_art_python OR NOT XRS_ESPEAK_NG)
  message(WARNING "art-exhibition content is not built: it needs python3 with numpy (python3-numpy) and espeak-ng")
  return()
endif()
# For tests/content (the determinism test runs the generator itself).
set(XRS_ART_PYTHON ${xrs_art_python} CACHE INTERNAL "python3 with numpy for the art-exhibition generator")

# The generator imports the museum's mesh, texture and narration helpers.
file(GLOB xrs_art_sources CONFIGURE_DEPENDS ${xrs_art_tool}/*.py ${CMAKE_CURRENT_SOURCE_DIR}/museum/*.py)
list(APPEND xrs_art_sources ${CMAKE_CURRENT_SOURCE_DIR}/gltf_builder.py)
set(xrs_art_stops welcome shanshui huaniao qinglu calligraphy scroll)
set(xrs_art_pieces shanshui huaniao qinglu calligraphy portrait scroll)

set(xrs_art_model_outputs ${xrs_art_out}/gallery.glb ${xrs_art_out}/scroll/index.json)
foreach(piece ${xrs_art_pieces})
  list(APPEND xrs_art_model_outputs ${xrs_art_out}/images/${piece}.png)
endforeach()
add_custom_command(
  OUTPUT ${xrs_art_model_outputs}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${xrs_art_out}/scroll
  COMMAND ${xrs_art_python} ${xrs_art_tool}/make_art.py --out ${xrs_art_out} --only model --seed ${XRS_ART_SEED}
          --painting-size ${XRS_ART_PAINTING_SIZE} --scroll-height ${xrs_art_scroll_height}
  DEPENDS ${xrs_art_sources}
  COMMENT "art-exhibition: generating the gallery, the paintings and the scroll's tile pyramid"
  VERBATIM)

set(xrs_art_narration_outputs)
set(xrs_art_scripts)
foreach(stop ${xrs_art_stops})
  list(APPEND xrs_art_scripts ${xrs_art_dir}/narration/${stop}.txt)
  list(APPEND xrs_art_narration_outputs ${xrs_art_out}/audio/${stop}.wav
       ${xrs_art_out}/subtitles/${stop}.zh.vtt ${xrs_art_out}/subtitles/${stop}.en.vtt)
endforeach()
add_custom_command(
  OUTPUT ${xrs_art_narration_outputs}
  COMMAND ${xrs_art_python} ${xrs_art_tool}/make_art.py --out ${xrs_art_out} --only narration
          --scripts ${xrs_art_dir}/narration --espeak ${XRS_ESPEAK_NG}
  DEPENDS ${xrs_art_tool}/make_art.py ${CMAKE_CURRENT_SOURCE_DIR}/museum/narration.py ${xrs_art_scripts}
  COMMENT "art-exhibition: synthesising narration (espeak-ng) and timing subtitles"
  VERBATIM)

# The lobby thumbnail: from the entrance down the gallery, the vitrine leading to the landscape.
add_custom_command(
  OUTPUT ${xrs_art_out}/thumbnail.png
  COMMAND $<TARGET_FILE:xrshow> render ${xrs_art_out}/gallery.glb --out ${xrs_art_out}/thumbnail.png
          --size 320x180 --eye left --fov 80 --camera eye=-1.2,1.6,6.8,target=0.2,1.3,-2
  DEPENDS ${xrs_art_out}/gallery.glb xrshow
  COMMENT "art-exhibition: rendering the thumbnail"
  VERBATIM)

# The media the experience references (what tests/content reads), without the CLI build.
add_custom_target(xrs_content_art_exhibition_media DEPENDS ${xrs_art_model_outputs} ${xrs_art_narration_outputs})
add_custom_target(xrs_content_art_exhibition DEPENDS ${xrs_art_out}/thumbnail.png)
add_dependencies(xrs_content_art_exhibition xrs_content_art_exhibition_media)
add_dependencies(xrs_content xrs_content_art_exhibition)
