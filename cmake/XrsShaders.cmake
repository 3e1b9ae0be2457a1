# xrs_compile_shaders(<target> <glsl files...>): GLSL -> SPIR-V with glslc at build time.
# glslc writes a depfile (-MD) so editing a shared include (shaders/shared/*.h) rebuilds
# every shader that includes it. Outputs go to ${CMAKE_BINARY_DIR}/shaders/<name>.spv.
function(xrs_compile_shaders target)
  set(spv_files)
  foreach(src ${ARGN})
    get_filename_component(name ${src} NAME)
    set(spv ${CMAKE_BINARY_DIR}/shaders/${name}.spv)
    set(dep ${CMAKE_BINARY_DIR}/shaders/${name}.d)
    add_custom_command(
      OUTPUT ${spv}
      COMMAND ${GLSLC} --target-env=vulkan1.2 -O -g -Werror
              -I ${PROJECT_SOURCE_DIR}/shaders -MD -MF ${dep}
              -o ${spv} ${CMAKE_CURRENT_SOURCE_DIR}/${src}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${src}
      DEPFILE ${dep}
      COMMENT "glslc ${src}"
      VERBATIM)
    list(APPEND spv_files ${spv})
  endforeach()
  add_custom_target(${target} ALL DEPENDS ${spv_files})
endfunction()
