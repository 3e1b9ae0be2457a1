# Every experience in experiences/ plays through `xrshow run` with the validation layers on: the
# visitor's view at a fixed frame (headless), and a gaze-only walkthrough of each tour, headless
# and on the simulated OpenXR headset. Needs the whole CLI and the generated content: 'slow', so
# the sanitizer pass (which builds neither) skips it.
if(NOT TARGET xrshow OR NOT TARGET xrs_content OR NOT TARGET xrs_xr_sim)
  return()
endif()
xrs_add_test(run_experiences_tests LABELS "content;xr;slow" COST 100
  SOURCES test_run_experiences.cpp test_walkthrough.cpp
  DEPS xrs::core xrs::experience)
target_compile_definitions(run_experiences_tests PRIVATE XRS_XRSHOW_EXE="$<TARGET_FILE:xrshow>"
  XRS_EXPERIENCES_DIR="${PROJECT_SOURCE_DIR}/experiences" XRS_XR_SIM_MANIFEST="${XRS_XR_SIM_MANIFEST}")
add_dependencies(run_experiences_tests xrshow xrs_content xrs_xr_sim)
