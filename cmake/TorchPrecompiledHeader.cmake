# SPDX-License-Identifier: MIT
#
# A target that uses LibTorch precompiles core/support/TorchInclude.h once and its sources reuse
# it. Loading that header is not free (about 2.5 s per translation unit on the 2-core machine,
# more than most files take to compile), so sources that never reach LibTorch skip it: a
# configure-time scan follows each source's #include "..." lines through the project's own
# files. A source the scan gets wrong still builds, only more slowly. Measured on a clean build
# of 340 translation units: 758 s with this, 797 s without precompiled headers.

# Where the project's quoted includes are found, besides the including file's own folder.
set(TRANSFERLAB_INCLUDE_ROOTS
  "${PROJECT_SOURCE_DIR}/core" "${PROJECT_SOURCE_DIR}/tests/support"
  "${PROJECT_SOURCE_DIR}/app/cli" "${PROJECT_SOURCE_DIR}/app")

# _transferlab_reaches_torch(FILE OUT): ON when FILE includes <torch/...>, <ATen/...> or
# <c10/...> directly or through the project's headers. Memoised per file for the whole
# configure run; a file being scanned counts as OFF, which ends include cycles.
function(_transferlab_reaches_torch file out)
  get_property(known GLOBAL PROPERTY "TRANSFERLAB_TORCH:${file}" SET)
  if(known)
    get_property(value GLOBAL PROPERTY "TRANSFERLAB_TORCH:${file}")
    set(${out} ${value} PARENT_SCOPE)
    return()
  endif()
  set_property(GLOBAL PROPERTY "TRANSFERLAB_TORCH:${file}" OFF)
  set(result OFF)
  file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  get_filename_component(own_folder "${file}" DIRECTORY)
  foreach(line IN LISTS includes)
    if(line MATCHES "<(torch|ATen|c10)/")
      set(result ON)
    elseif(line MATCHES "\"([^\"]+)\"")
      set(name "${CMAKE_MATCH_1}")
      foreach(root IN ITEMS "${own_folder}" ${TRANSFERLAB_INCLUDE_ROOTS})
        if(EXISTS "${root}/${name}" AND NOT IS_DIRECTORY "${root}/${name}")
          _transferlab_reaches_torch("${root}/${name}" included)
          set(result ${included})
          break()
        endif()
      endforeach()
    endif()
    if(result)
      break()
    endif()
  endforeach()
  set_property(GLOBAL PROPERTY "TRANSFERLAB_TORCH:${file}" ${result})
  set(${out} ${result} PARENT_SCOPE)
endfunction()

# transferlab_skip_pch_without_torch(TARGET [OWNER]): the target's C++ sources that do not
# reach LibTorch do not load its precompiled header. An OWNER (the target that builds the
# header for others) keeps at least one source on it, or CMake would not build the header.
function(transferlab_skip_pch_without_torch target)
  get_target_property(sources ${target} SOURCES)
  get_target_property(folder ${target} SOURCE_DIR)
  set(torch_free)
  set(total 0)
  foreach(source IN LISTS sources)
    if(source MATCHES "^\\$<" OR NOT source MATCHES "\\.(cpp|cc|cxx)$")
      continue()
    endif()
    get_filename_component(path "${source}" ABSOLUTE BASE_DIR "${folder}")
    math(EXPR total "${total} + 1")
    _transferlab_reaches_torch("${path}" uses_torch)
    if(NOT uses_torch)
      list(APPEND torch_free "${path}")
    endif()
  endforeach()
  list(LENGTH torch_free skipped)
  if(ARGV1 STREQUAL "OWNER" AND skipped EQUAL total)
    return()
  endif()
  if(skipped GREATER 0)
    set_source_files_properties(${torch_free} TARGET_DIRECTORY ${target}
                                PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
  endif()
  if(skipped GREATER 0 AND total GREATER 1)
    message(STATUS "${target}: ${skipped} of ${total} sources do not use LibTorch's precompiled header")
  endif()
endfunction()

# transferlab_precompile_torch(TARGET): precompile LibTorch's headers for TARGET.
function(transferlab_precompile_torch target)
  if(TRANSFERLAB_PRECOMPILED_HEADERS)
    target_precompile_headers(${target} PRIVATE
      "$<$<COMPILE_LANGUAGE:CXX>:${PROJECT_SOURCE_DIR}/core/support/TorchInclude.h>")
    transferlab_skip_pch_without_torch(${target} OWNER)
  endif()
endfunction()

# transferlab_reuse_torch_pch(TARGET FROM): TARGET reuses FROM's precompiled LibTorch headers.
function(transferlab_reuse_torch_pch target from)
  if(TRANSFERLAB_PRECOMPILED_HEADERS)
    target_precompile_headers(${target} REUSE_FROM ${from})
    transferlab_skip_pch_without_torch(${target})
  endif()
endfunction()

# transferlab_share_program_torch_pch(TARGET): programs that link only transferlab_core (the
# CLI, the benchmarks, the fuzz targets) compile with the same flags and definitions, so they
# share one precompiled header: the first caller builds it and the others reuse it. Each
# header is about 545 MB with GCC (125 MB with clang); one per program made a clean CI build
# run out of disk.
function(transferlab_share_program_torch_pch target)
  get_property(owner GLOBAL PROPERTY TRANSFERLAB_PROGRAM_PCH_OWNER)
  if(owner)
    transferlab_reuse_torch_pch(${target} ${owner})
  else()
    set_property(GLOBAL PROPERTY TRANSFERLAB_PROGRAM_PCH_OWNER ${target})
    transferlab_precompile_torch(${target})
  endif()
endfunction()
