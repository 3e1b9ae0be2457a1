# xrs_add_module(<name> SOURCES ... DEPS ...): one static library per engine module.
# Public headers sit at the module's top (engine/<name>/*.h) and are included as
# "<name>/Header.h"; dependencies point one way: core <- gpu <- {scene, video} <- render <- xr.
# -Wno-missing-field-initializers: Vulkan structs are written `VkFooInfo info{VK_STRUCTURE_TYPE_FOO};`
# on purpose (the remaining members are zero-initialized).
function(xrs_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wno-missing-field-initializers -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough)
  # Not with sanitizers: GCC 12's -O1 sanitizer builds raise false -Wmaybe-uninitialized in
  # third-party headers (Catch2); the normal build keeps the code warning-free.
  if(XRS_WARNINGS_AS_ERRORS AND NOT XRS_SANITIZE)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Unity builds (CI) include .cpp files into one source: GCC then flags a class whose member
  # has an anonymous-namespace type declared in another of them, which is fine in its own file.
  if(CMAKE_UNITY_BUILD)
    target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
  endif()
endfunction()

function(xrs_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(xrs_${name} STATIC ${ARG_SOURCES})
  add_library(xrs::${name} ALIAS xrs_${name})
  target_include_directories(xrs_${name} PUBLIC ${PROJECT_SOURCE_DIR}/engine)
  target_link_libraries(xrs_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  xrs_warnings(xrs_${name})
endfunction()

if(XRS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
