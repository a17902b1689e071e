# Desktop integration, bundled data and installers (CPack). Included at the end of the
# top-level CMakeLists.txt, after app/ (whose install rules therefore run first).
#
#   Linux:   cpack -G DEB (Depends from dpkg-shlibdeps) and -G TGZ
#   Windows: cpack -G NSIS (and ZIP); windeployqt + the LibTorch/OpenCV/HDF5 DLLs are installed
#   macOS:   cpack -G DragNDrop; macdeployqt makes transferlab.app self-contained
#
# Options:
#   TRANSFERLAB_BUNDLE_BACKBONE       a Keras backbone weight file (.h5) installed to
#                                     <datadir>/transferlab/backbones (macOS:
#                                     transferlab.app/Contents/Resources/backbones), so that a fresh
#                                     install trains offline. A relative path is relative to the
#                                     source folder. The app recognises it by its content
#                                     (core/backbones/BundledBackbones): any file of the catalogue
#                                     default's network (MobileNetV2 1.0 trained at 224) serves.
#   TRANSFERLAB_BUNDLE_BACKBONE_INPUT_SIZE  its training size, when the file name does not tell it
#                                     (official names do: ..._1.0_224_no_top.h5)
#   TRANSFERLAB_RUNTIME_DLL_DIRS      (Windows) folders searched for the DLLs the programs need

set(TRANSFERLAB_BUNDLE_BACKBONE "" CACHE STRING
    "Backbone weight file (.h5) to install with the application (relative: to the source folder)")
set(TRANSFERLAB_BUNDLE_BACKBONE_INPUT_SIZE "" CACHE STRING
    "Training size of TRANSFERLAB_BUNDLE_BACKBONE when its file name does not tell it")
set(TRANSFERLAB_RUNTIME_DLL_DIRS "" CACHE STRING
    "Windows: folders (;-separated) holding LibTorch, OpenCV, HDF5 ... DLLs to bundle")

# Reverse-DNS application id (desktop entry, AppStream, icons, MIME package, macOS bundle); the
# GUI's settings and data paths use the same id.
set(TRANSFERLAB_APP_ID "io.github.transferlab.TransferLab")
set(_tl_pkg_dir "${CMAKE_CURRENT_LIST_DIR}")
set(_tl_icon_svg "${PROJECT_SOURCE_DIR}/resources/icons/transferlab.svg")
set(_tl_icon_out "${PROJECT_BINARY_DIR}/packaging/icons")
set(_tl_icon_sizes 16 24 32 48 64 128 256 512)

if(APPLE)
  set(_tl_data_dest "transferlab.app/Contents/Resources")
else()
  set(_tl_data_dest "${CMAKE_INSTALL_DATADIR}/transferlab")
endif()

# ---- Icons: PNG sizes (and .ico / .iconset) rendered from the SVG at build time with Qt SVG.
find_package(Qt6 COMPONENTS Svg QUIET)
if(TARGET Qt6::Svg)
  add_executable(transferlab-render-icon ${_tl_pkg_dir}/tools/render_icon.cpp)
  target_link_libraries(transferlab-render-icon PRIVATE Qt6::Gui Qt6::Svg)
  set(_tl_icon_pngs)
  foreach(size IN LISTS _tl_icon_sizes)
    list(APPEND _tl_icon_pngs "${_tl_icon_out}/${size}.png")
  endforeach()
  set(_tl_icon_extra_args)
  set(_tl_icon_extra_outputs)
  if(WIN32)
    list(APPEND _tl_icon_extra_args --ico "${_tl_icon_out}/transferlab.ico")
    list(APPEND _tl_icon_extra_outputs "${_tl_icon_out}/transferlab.ico")
  endif()
  if(APPLE)
    list(APPEND _tl_icon_extra_args --iconset "${_tl_icon_out}/transferlab.iconset")
    list(APPEND _tl_icon_extra_outputs "${_tl_icon_out}/transferlab.iconset/icon_16x16.png")
  endif()
  add_custom_command(
    OUTPUT ${_tl_icon_pngs} ${_tl_icon_extra_outputs}
    COMMAND transferlab-render-icon "${_tl_icon_svg}" "${_tl_icon_out}" ${_tl_icon_sizes}
            ${_tl_icon_extra_args}
    DEPENDS transferlab-render-icon "${_tl_icon_svg}"
    COMMENT "Rendering application icons from transferlab.svg"
    VERBATIM)
  set(_tl_icon_targets ${_tl_icon_pngs} ${_tl_icon_extra_outputs})
  find_program(TRANSFERLAB_ICONUTIL iconutil)
  if(APPLE AND TRANSFERLAB_ICONUTIL)
    add_custom_command(
      OUTPUT "${_tl_icon_out}/transferlab.icns"
      COMMAND "${TRANSFERLAB_ICONUTIL}" -c icns -o "${_tl_icon_out}/transferlab.icns"
              "${_tl_icon_out}/transferlab.iconset"
      DEPENDS "${_tl_icon_out}/transferlab.iconset/icon_16x16.png"
      VERBATIM)
    list(APPEND _tl_icon_targets "${_tl_icon_out}/transferlab.icns")
  endif()
  add_custom_target(transferlab-icons ALL DEPENDS ${_tl_icon_targets})
else()
  message(STATUS "Qt6::Svg not found: installing the SVG icon only (no PNG sizes)")
endif()

# ---- Linux desktop integration (freedesktop: .desktop, icons, AppStream, MIME type).
if(UNIX AND NOT APPLE)
  string(TIMESTAMP TRANSFERLAB_RELEASE_DATE "%Y-%m-%d" UTC)
  # AppStream screenshots must be web addresses: the committed ones, as the repository serves them.
  set(TRANSFERLAB_SCREENSHOT_BASE_URL
      "https://raw.githubusercontent.com/transferlab/TransferLab/main/resources/screenshots")
  configure_file(${_tl_pkg_dir}/linux/${TRANSFERLAB_APP_ID}.metainfo.xml.in
                 ${PROJECT_BINARY_DIR}/packaging/${TRANSFERLAB_APP_ID}.metainfo.xml @ONLY)
  install(FILES ${_tl_pkg_dir}/linux/${TRANSFERLAB_APP_ID}.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_BINARY_DIR}/packaging/${TRANSFERLAB_APP_ID}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${_tl_pkg_dir}/linux/${TRANSFERLAB_APP_ID}.mime.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME ${TRANSFERLAB_APP_ID}.xml)
  install(FILES ${_tl_icon_svg} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
          RENAME ${TRANSFERLAB_APP_ID}.svg)
  # The tests validate what the packages install (scripts/package-test again after installing).
  if(TRANSFERLAB_BUILD_TESTS)
    find_program(TRANSFERLAB_APPSTREAMCLI appstreamcli)
    find_program(TRANSFERLAB_DESKTOP_FILE_VALIDATE desktop-file-validate)
    if(TRANSFERLAB_APPSTREAMCLI)
      add_test(NAME packaging_metainfo_valid
               COMMAND ${TRANSFERLAB_APPSTREAMCLI} validate --no-net
                       ${PROJECT_BINARY_DIR}/packaging/${TRANSFERLAB_APP_ID}.metainfo.xml)
    endif()
    if(TRANSFERLAB_DESKTOP_FILE_VALIDATE)
      add_test(NAME packaging_desktop_entry_valid
               COMMAND ${TRANSFERLAB_DESKTOP_FILE_VALIDATE}
                       ${_tl_pkg_dir}/linux/${TRANSFERLAB_APP_ID}.desktop)
    endif()
  endif()
  if(TARGET transferlab-render-icon)
    foreach(size IN LISTS _tl_icon_sizes)
      install(FILES "${_tl_icon_out}/${size}.png"
              DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
              RENAME ${TRANSFERLAB_APP_ID}.png)
    endforeach()
  endif()
endif()

if(APPLE)
  set(_tl_doc_dest "transferlab.app/Contents/Resources")
else()
  set(_tl_doc_dest "${CMAKE_INSTALL_DOCDIR}")
endif()
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${_tl_doc_dest})

# ---- Bundled backbone weights (the catalogue default, so a fresh install trains offline).
if(TRANSFERLAB_BUNDLE_BACKBONE)
  get_filename_component(_tl_bundle "${TRANSFERLAB_BUNDLE_BACKBONE}" ABSOLUTE
                         BASE_DIR "${PROJECT_SOURCE_DIR}")
  if(NOT EXISTS "${_tl_bundle}" OR IS_DIRECTORY "${_tl_bundle}")
    message(FATAL_ERROR "TRANSFERLAB_BUNDLE_BACKBONE: no such file: ${_tl_bundle}")
  endif()
  get_filename_component(_tl_bundle_name "${_tl_bundle}" NAME)
  # The weights do not record the size they were trained at: the option, else the file name's
  # last number between 32 and 2048 (the rule BundledBackbones::trainingSizeFromFileName reads).
  set(_tl_bundle_size "${TRANSFERLAB_BUNDLE_BACKBONE_INPUT_SIZE}")
  if(NOT _tl_bundle_size)
    string(REGEX REPLACE "[-_.]" ";" _tl_parts "${_tl_bundle_name}")
    foreach(_tl_part IN LISTS _tl_parts)
      if(_tl_part MATCHES "^[0-9]+$" AND _tl_part GREATER_EQUAL 32 AND _tl_part LESS_EQUAL 2048)
        set(_tl_bundle_size "${_tl_part}")
      endif()
    endforeach()
  endif()
  if(NOT _tl_bundle_size MATCHES "^[0-9]+$")
    message(FATAL_ERROR "TRANSFERLAB_BUNDLE_BACKBONE: the name ${_tl_bundle_name} does not tell "
                        "the size the weights were trained at; set TRANSFERLAB_BUNDLE_BACKBONE_INPUT_SIZE")
  endif()
  # Beside the weights, what their content cannot tell (read by BundledBackbones::trainingSize).
  set(_tl_bundle_sidecar "${PROJECT_BINARY_DIR}/packaging/${_tl_bundle_name}.json")
  file(WRITE "${_tl_bundle_sidecar}.in"
       "{\n  \"format\": \"transferlab-bundled-backbone\",\n  \"inputSize\": ${_tl_bundle_size}\n}\n")
  configure_file("${_tl_bundle_sidecar}.in" "${_tl_bundle_sidecar}" COPYONLY)
  install(FILES "${_tl_bundle}" "${_tl_bundle_sidecar}" DESTINATION ${_tl_data_dest}/backbones)
  message(STATUS "Bundling backbone ${_tl_bundle_name} (trained at ${_tl_bundle_size} px)")
endif()

# ---- Windows: icon, Qt deployment, third-party DLLs, MSVC runtime.
if(WIN32)
  set_target_properties(transferlab PROPERTIES WIN32_EXECUTABLE ON)
  get_target_property(_tl_qmake Qt6::qmake IMPORTED_LOCATION)
  get_filename_component(_tl_qt_bin "${_tl_qmake}" DIRECTORY)
  find_program(TRANSFERLAB_WINDEPLOYQT windeployqt HINTS "${_tl_qt_bin}")
  if(NOT TRANSFERLAB_WINDEPLOYQT)
    message(WARNING "windeployqt not found: the Windows package will lack Qt")
  endif()
  set(_tl_dll_dirs ${TRANSFERLAB_RUNTIME_DLL_DIRS} "${_tl_qt_bin}")
  if(TORCH_INSTALL_PREFIX)
    list(APPEND _tl_dll_dirs "${TORCH_INSTALL_PREFIX}/lib")
  endif()
  install(CODE "
    set(_bin \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    if(\"${TRANSFERLAB_WINDEPLOYQT}\")
      execute_process(COMMAND \"${TRANSFERLAB_WINDEPLOYQT}\" --release
                              --compiler-runtime \"\${_bin}/transferlab.exe\" \"\${_bin}/transferlab-cli.exe\"
                      COMMAND_ERROR_IS_FATAL ANY)
    endif()
    file(GET_RUNTIME_DEPENDENCIES
      EXECUTABLES \"\${_bin}/transferlab.exe\" \"\${_bin}/transferlab-cli.exe\"
      RESOLVED_DEPENDENCIES_VAR _deps UNRESOLVED_DEPENDENCIES_VAR _missing
      DIRECTORIES ${_tl_dll_dirs}
      PRE_EXCLUDE_REGEXES [[api-ms-.*]] [[ext-ms-.*]]
      POST_EXCLUDE_REGEXES [[.*[/\\\\][Ss]ystem32[/\\\\].*]] [[.*[/\\\\]Windows[/\\\\].*]])
    foreach(_dll IN LISTS _deps)
      get_filename_component(_dll_name \"\${_dll}\" NAME)
      if(NOT EXISTS \"\${_bin}/\${_dll_name}\")
        file(INSTALL \"\${_dll}\" DESTINATION \"\${_bin}\")
      endif()
    endforeach()
    if(_missing)
      message(WARNING \"DLLs not found (add their folders to TRANSFERLAB_RUNTIME_DLL_DIRS): \${_missing}\")
    endif()
  ")
  set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
  include(InstallRequiredSystemLibraries)
endif()

# ---- macOS: application bundle with icon, made self-contained by macdeployqt.
if(APPLE)
  # MACOSX_BUNDLE itself and the bundle's install rules are in app/CMakeLists.txt.
  set_target_properties(transferlab PROPERTIES
    MACOSX_BUNDLE_BUNDLE_NAME "TransferLab"
    MACOSX_BUNDLE_GUI_IDENTIFIER "${TRANSFERLAB_APP_ID}"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_ICON_FILE "transferlab.icns")
  if(EXISTS "${_tl_icon_out}/transferlab.icns" OR TRANSFERLAB_ICONUTIL)
    install(FILES "${_tl_icon_out}/transferlab.icns" DESTINATION transferlab.app/Contents/Resources)
  endif()
  get_target_property(_tl_qmake Qt6::qmake IMPORTED_LOCATION)
  get_filename_component(_tl_qt_bin "${_tl_qmake}" DIRECTORY)
  find_program(TRANSFERLAB_MACDEPLOYQT macdeployqt HINTS "${_tl_qt_bin}")
  if(TRANSFERLAB_MACDEPLOYQT)
    set(_tl_rpath_args)
    if(TORCH_INSTALL_PREFIX)
      set(_tl_rpath_args "-libpath=${TORCH_INSTALL_PREFIX}/lib")
    endif()
    install(CODE "
      set(_app \"\${CMAKE_INSTALL_PREFIX}/transferlab.app\")
      execute_process(COMMAND \"${TRANSFERLAB_MACDEPLOYQT}\" \"\${_app}\"
                              \"-executable=\${_app}/Contents/MacOS/transferlab-cli\"
                              ${_tl_rpath_args} -always-overwrite
                      COMMAND_ERROR_IS_FATAL ANY)
    ")
  else()
    message(WARNING "macdeployqt not found: the DMG will not be self-contained")
  endif()
endif()

# ---- CPack
set(CPACK_PACKAGE_NAME "transferlab")
set(CPACK_PACKAGE_VENDOR "The TransferLab developers")
set(CPACK_PACKAGE_CONTACT "The TransferLab developers <transferlab@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "TransferLab labels photos, trains an image classifier by transfer learning from an\nImageNet-pretrained MobileNetV2 and tests it, on the desktop (transferlab) or the\ncommand line (transferlab-cli).")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "TransferLab")
set(CPACK_PACKAGE_EXECUTABLES "transferlab;TransferLab")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/;/build[^/]*/")

if(WIN32)
  set(CPACK_GENERATOR "NSIS;ZIP")
  set(CPACK_NSIS_DISPLAY_NAME "TransferLab")
  set(CPACK_NSIS_PACKAGE_NAME "TransferLab ${PROJECT_VERSION}")
  set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
  set(CPACK_NSIS_MODIFY_PATH ON)  # offers to put transferlab-cli on PATH
  set(CPACK_NSIS_INSTALLED_ICON_NAME "${CMAKE_INSTALL_BINDIR}\\\\transferlab.exe")
  if(TARGET transferlab-render-icon)
    set(CPACK_NSIS_MUI_ICON "${_tl_icon_out}/transferlab.ico")
    set(CPACK_NSIS_MUI_UNIICON "${_tl_icon_out}/transferlab.ico")
  endif()
  # The start-menu shortcut must point into bin\.
  set(CPACK_NSIS_MENU_LINKS "${CMAKE_INSTALL_BINDIR}/transferlab.exe" "TransferLab")
  set(CPACK_PACKAGE_EXECUTABLES "")
elseif(APPLE)
  set(CPACK_GENERATOR "DragNDrop")
  set(CPACK_DMG_VOLUME_NAME "TransferLab")
  set(CPACK_DMG_FORMAT "UDZO")
  set(CPACK_PACKAGE_FILE_NAME "TransferLab-${PROJECT_VERSION}-macOS-${CMAKE_SYSTEM_PROCESSOR}")
else()
  set(CPACK_GENERATOR "DEB;TGZ")
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_SECTION "science")
  set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  # Loaded as Qt plugins, so dpkg-shlibdeps cannot see it: the SVG image format and icon engine
  # plugins the toolbar icons need. The rest of Depends comes from dpkg-shlibdeps.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
  # Qt's own strings (standard buttons, file dialogs) in the user's language; a CJK font for
  # the Chinese translation (desktops set up for Chinese have one already).
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "shared-mime-info, desktop-file-utils, qt6-translations-l10n")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "fonts-noto-cjk | fonts-wqy-microhei")
  # TGZ: a relocatable tree (bin/, share/); DEB installs under /usr.
  set(CPACK_ARCHIVE_FILE_NAME "transferlab-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")
endif()

include(CPack)
