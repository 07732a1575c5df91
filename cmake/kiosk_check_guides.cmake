# kiosk_check_guides(KIOSK_TARGET DIR): the build step that keeps broken guides out of a build.
#
# A target `check_guides`, in ALL, that runs `KIOSK_TARGET --check-guides DIR` (DIR relative to the calling
# CMakeLists.txt's directory, so messages read "assets/guides/mitid/new-phone.guide:12: ..."). It prints
# nothing when the guides pass; otherwise the checker's FILE:LINE messages and the build stops. It runs again
# only when the kiosk or a file under DIR changes (a stamp file records the last pass; a failed run leaves
# the stamp older than the broken file, so the next build checks again). A file added under DIR re-runs
# the configure step (CONFIGURE_DEPENDS), which adds it here. tests/guides/build_step.sh drives it.
function(kiosk_check_guides kiosk_target dir)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/guides-checked.stamp)
  add_custom_command(OUTPUT ${stamp}
                     COMMAND ${kiosk_target} --check-guides ${dir} > /dev/null
                     COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
                     DEPENDS ${kiosk_target} ${files}
                     WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} COMMENT "" VERBATIM)
  add_custom_target(check_guides ALL DEPENDS ${stamp})
endfunction()
