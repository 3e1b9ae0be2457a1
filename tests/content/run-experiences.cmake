# Every experience in experiences/ plays headless through `xrshow run` with the validation layer
# on (the visitor's view at a fixed frame). Needs the whole CLI and the generated content:
# 'slow', so the sanitizer pass (which builds neither) skips it.
if(NOT TARGET xrshow OR NOT TARGET xrs_content)
  return()
endif()
xrs_add_test(run_experiences_tests LABELS "content;slow" SOURCES test_run_experiences.cpp DEPS xrs::core)
target_compile_definitions(run_experiences_tests PRIVATE XRS_XRSHOW_EXE="$<TARGET_FILE:xrshow>"
  XRS_EXPERIENCES_DIR="${PROJECT_SOURCE_DIR}/experiences")
add_dependencies(run_experiences_tests xrshow xrs_content)
