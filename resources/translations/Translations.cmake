# The Qt Linguist workflow (README, "Translations"). Included by ui/CMakeLists.txt.
#
#   cmake --build build --target translations_update
#       lupdate: refreshes resources/translations/transferlab_*.ts from the sources (new strings
#       appear as unfinished, removed ones are dropped); translate them in Qt Linguist
#       (linguist resources/translations/transferlab_zh_CN.ts) or any text editor
#   every build: lrelease turns each .ts into a .qm, embedded in the app as :/i18n/*.qm
#   ctest -R i18n: the checks (strings wrapped in tr(), no unfinished translation, every
#       visible text translated, with a pseudo-locale)
find_package(Qt6 REQUIRED COMPONENTS LinguistTools)

# Cached (internal) because tests/ checks the same files with the same lupdate settings.
set(TRANSFERLAB_TS_FILES "${PROJECT_SOURCE_DIR}/resources/translations/transferlab_zh_CN.ts"
    CACHE INTERNAL "Qt Linguist translations of the GUI")
# What lupdate reads, relative to the source folder: the GUI, and core/, whose job phases,
# progress and log lines the GUI shows. The command line (app/cli) stays English.
set(TRANSFERLAB_TR_SOURCES ui core app/gui CACHE INTERNAL "Sources lupdate reads")
# -locations none: no line numbers in the .ts, so edits elsewhere in a file do not change it.
set(TRANSFERLAB_LUPDATE_OPTIONS -locations none -no-obsolete -extensions cpp,h
    CACHE INTERNAL "lupdate options")

add_custom_target(translations_update
  COMMAND Qt6::lupdate ${TRANSFERLAB_LUPDATE_OPTIONS} ${TRANSFERLAB_TR_SOURCES}
          -ts ${TRANSFERLAB_TS_FILES}
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
  COMMENT "lupdate: refreshing resources/translations/*.ts from the sources"
  VERBATIM)

set(_tl_qm_files)
foreach(_tl_ts IN LISTS TRANSFERLAB_TS_FILES)
  get_filename_component(_tl_name "${_tl_ts}" NAME_WE)
  set(_tl_qm "${CMAKE_CURRENT_BINARY_DIR}/i18n/${_tl_name}.qm")
  add_custom_command(
    OUTPUT "${_tl_qm}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/i18n"
    COMMAND Qt6::lrelease -silent "${_tl_ts}" -qm "${_tl_qm}"
    DEPENDS "${_tl_ts}"
    COMMENT "lrelease ${_tl_name}.ts"
    VERBATIM)
  list(APPEND _tl_qm_files "${_tl_qm}")
endforeach()
qt_add_resources(transferlab_ui transferlab_translations
  PREFIX "/i18n"
  BASE "${CMAKE_CURRENT_BINARY_DIR}/i18n"
  FILES ${_tl_qm_files})
