# mr-navigation: the experience validates, its hotspots point along the generator's route, the
# generator is deterministic, and golden frames of the captured panoramas.
if(NOT TARGET xrs_content_mr_navigation_media)
  message(STATUS "tests/content: mr-navigation content is not built here, its tests are skipped")
  return()
endif()

xrs_add_test(content_mr_navigation_tests LABELS "content"
  SOURCES test_mr_navigation.cpp
  DEPS xrs::experience xrs::video)
target_compile_definitions(content_mr_navigation_tests PRIVATE
  XRS_MRNAV_PYTHON="${XRS_MRNAV_PYTHON}"
  XRS_MRNAV_TOOL_DIR="${PROJECT_SOURCE_DIR}/tools/content/mrnav"
  XRS_MRNAV_FFMPEG="${XRS_FFMPEG}")
add_dependencies(content_mr_navigation_tests xrs_content_mr_navigation_media)

# Decodes the packages' base layers; a GPU context only asks whether this machine's device (the
# one that captured the panoramas) is the goldens' rasterizer. 'slow': it waits for the capture.
xrs_add_test(content_mr_navigation_golden_tests LABELS "content;golden;slow"
  SOURCES test_mr_navigation_golden.cpp
  DEPS xrs_gpu_test_support xrs::experience xrs::video)
add_dependencies(content_mr_navigation_golden_tests xrs_content_mr_navigation_media)
target_compile_definitions(content_mr_navigation_golden_tests PRIVATE
  XRS_MRNAV_PANO_SIZE="${XRS_MRNAV_PANO_SIZE}" XRS_MRNAV_FRAMES=${XRS_MRNAV_PANO_FRAMES})
