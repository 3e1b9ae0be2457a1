# pre-trip-preview: the experience validates, its two panoramas are linked and narrated, they
# move, the scene generator is deterministic, and golden views from every tour stop.
if(NOT TARGET xrs_content_pre_trip_preview)
  message(STATUS "tests/content: pre-trip-preview content is not built here, its tests are skipped")
  return()
endif()

# Runs the scenic generator twice (~12 s each): 'slow' keeps it out of the sanitizer pass.
xrs_add_test(content_pre_trip_preview_tests LABELS "content;slow"
  SOURCES test_pre_trip_preview.cpp
  DEPS xrs::experience xrs::video)
target_compile_definitions(content_pre_trip_preview_tests PRIVATE
  XRS_PTP_PYTHON="${XRS_PTP_PYTHON}"
  XRS_PTP_GENERATOR="${PROJECT_SOURCE_DIR}/tools/content/scenic/make_scenic_spot.py"
  XRS_PTP_SCENE="${XRS_PTP_SCENE}"
  XRS_PTP_PANO_SIZE="${XRS_PTP_PANO_SIZE}")
add_dependencies(content_pre_trip_preview_tests xrs_content_pre_trip_preview)

# Plays the stops' packages through the tiled video path on lavapipe: 'slow'.
xrs_add_test(content_pre_trip_preview_golden_tests LABELS "content;golden;video;slow"
  SOURCES test_pre_trip_preview_golden.cpp MuseumTour.cpp ${PROJECT_SOURCE_DIR}/tests/render/VideoHarness.cpp
  DEPS xrs_gpu_test_support xrs::xr xrs::experience)
target_include_directories(content_pre_trip_preview_golden_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/render)
add_dependencies(content_pre_trip_preview_golden_tests xrs_content_pre_trip_preview)
target_compile_definitions(content_pre_trip_preview_golden_tests PRIVATE
  XRS_PTP_PANO_SIZE="${XRS_PTP_PANO_SIZE}" XRS_PTP_FRAMES=${XRS_PTP_PANO_FRAMES})
