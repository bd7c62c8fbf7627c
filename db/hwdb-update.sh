#!/bin/sh
# meson install script: compile the hwdb once the hidfix hwdb file is
# installed, or print the one command to run when installing into DESTDIR.
# meson (1.0) hides the output of install scripts that succeed, so the
# message also goes to the terminal when there is one.
destdir=${DESTDIR:-}
if [ -z "$destdir" ] && [ "${MESON_INSTALL_DESTDIR_PREFIX:-}" != "${MESON_INSTALL_PREFIX:-}" ]; then
	destdir=${MESON_INSTALL_DESTDIR_PREFIX%"$MESON_INSTALL_PREFIX"}
fi
if [ -n "$destdir" ]; then
	msg="hidfix: installed into DESTDIR; to activate the hwdb, run: systemd-hwdb update --root '$destdir'"
	echo "$msg" >&2
	{ echo "$msg" >/dev/tty; } 2>/dev/null
	exit 0
fi
if command -v systemd-hwdb >/dev/null; then
	exec systemd-hwdb update
fi
exec udevadm hwdb --update
