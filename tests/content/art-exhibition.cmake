# art-exhibition: the experience validates, the scroll's tile pyramid is complete, the generator
# is deterministic, golden tour stops.
if(NOT TARGET xrs_content_art_exhibition_media)
  message(STATUS "tests/content: art-exhibition content is not built here, its tests are skipped")
  return()
endif()

xrs_add_test(content_art_tests LABELS "content"
  SOURCES test_art_exhibition.cpp ArtExhibition.cpp MuseumTour.cpp
  DEPS xrs::experience xrs::video xrs::scene)
target_compile_definitions(content_art_tests PRIVATE
  XRS_ART_PYTHON="${XRS_ART_PYTHON}"
  XRS_ART_GENERATOR="${PROJECT_SOURCE_DIR}/tools/content/art/make_art.py")
add_dependencies(content_art_tests xrs_content_art_exhibition_media)

# Rendering the gallery on lavapipe takes a while under the sanitizers: 'slow'.
xrs_add_test(content_art_golden_tests LABELS "content;golden;slow"
  SOURCES test_art_exhibition_golden.cpp ArtExhibition.cpp MuseumTour.cpp
  DEPS xrs_gpu_test_support xrs::xr xrs::experience xrs::player)
add_dependencies(content_art_golden_tests xrs_content_art_exhibition_media)
if(XRS_ART_SCROLL_FULL)
  set(xrs_art_full_define 1)
else()
  set(xrs_art_full_define 0)
endif()
target_compile_definitions(content_art_golden_tests PRIVATE XRS_ART_PAINTING_SIZE=${XRS_ART_PAINTING_SIZE}
  XRS_ART_SCROLL_FULL=${xrs_art_full_define})
