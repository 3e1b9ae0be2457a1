# museum-tour: the experience validates, its generator is deterministic, golden tour stops.
if(NOT TARGET xrs_content_museum_tour_media)
  message(STATUS "tests/content: museum-tour content is not built here, its tests are skipped")
  return()
endif()

xrs_add_test(content_tests LABELS "content"
  SOURCES test_museum_tour.cpp MuseumTour.cpp
  DEPS xrs::experience xrs::video)
target_compile_definitions(content_tests PRIVATE
  XRS_MUSEUM_PYTHON="${XRS_MUSEUM_PYTHON}"
  XRS_MUSEUM_GENERATOR="${PROJECT_SOURCE_DIR}/tools/content/museum/make_museum.py")
add_dependencies(content_tests xrs_content_museum_tour_media)

# Rendering the hall on lavapipe takes a while under the sanitizers: 'slow'.
xrs_add_test(content_golden_tests LABELS "content;golden;slow"
  SOURCES test_museum_golden.cpp MuseumTour.cpp
  DEPS xrs_gpu_test_support xrs::xr xrs::experience xrs::player)
add_dependencies(content_golden_tests xrs_content_museum_tour_media)
target_compile_definitions(content_golden_tests PRIVATE XRS_MUSEUM_TEXTURE_SIZE=${XRS_MUSEUM_TEXTURE_SIZE})
