# relic-restoration: the experience validates, the two states of the jar and the hall correspond
# node by node, its generator is deterministic, golden tour stops and both states of each object.
if(NOT TARGET xrs_content_relic_restoration_media)
  message(STATUS "tests/content: relic-restoration content is not built here, its tests are skipped")
  return()
endif()

xrs_add_test(relic_content_tests LABELS "content"
  SOURCES test_relic_restoration.cpp RelicRestoration.cpp
  DEPS xrs::experience xrs::video xrs::scene xrs::render xrs::player)
target_compile_definitions(relic_content_tests PRIVATE
  XRS_RELIC_PYTHON="${XRS_RELIC_PYTHON}"
  XRS_RELIC_GENERATOR="${PROJECT_SOURCE_DIR}/tools/content/relic/make_relic.py")
add_dependencies(relic_content_tests xrs_content_relic_restoration_media)

# Rendering on lavapipe takes a while under the sanitizers: 'slow'.
xrs_add_test(relic_golden_tests LABELS "content;golden;slow"
  SOURCES test_relic_restoration_golden.cpp RelicRestoration.cpp MuseumTour.cpp
  DEPS xrs_gpu_test_support xrs::xr xrs::experience xrs::scene xrs::player)
add_dependencies(relic_golden_tests xrs_content_relic_restoration_media)
target_compile_definitions(relic_golden_tests PRIVATE XRS_RELIC_TEXTURE_SIZE=${XRS_RELIC_TEXTURE_SIZE})
