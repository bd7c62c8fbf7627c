# bash completion for hidfix, hid-record and hid-replay
# shellcheck shell=bash

_hidfix_devices() {
	local d
	for d in /sys/bus/hid/devices/*; do
		[ -e "$d" ] && printf '%s\n' "${d##*/}"
	done
	for d in /dev/hidraw*; do
		[ -e "$d" ] && printf '%s\n' "$d"
	done
}

_hidfix() {
	local cur prev verb i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	local verbs='add remove list inspect match db install uninstall decode new daemon help'
	local opts='--fixup-dir --db --root --force --allow-untrusted --json --from --device
		--source-root --summary --no-summary --diff --udev --verbose --help --version'

	case "$prev" in
	-d | --fixup-dir | --root | --source-root)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return ;;
	--db | --from)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	--device)
		return ;;
	esac
	verb=''
	for ((i = 1; i < COMP_CWORD; i++)); do
		case "${COMP_WORDS[i]}" in
		-d | --fixup-dir | --db | --root | --from | --device | --source-root) i=$((i + 1)) ;;
		-*) ;;
		*) verb=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return
	fi
	case "$verb" in
	'') mapfile -t COMPREPLY < <(compgen -W "$verbs" -- "$cur") ;;
	add | remove | match)
		if [ "$verb" = add ] && [ "$prev" != add ]; then
			mapfile -t COMPREPLY < <(compgen -f -X '!*.bpf.o' -- "$cur"; compgen -d -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$(_hidfix_devices)" -- "$cur")
		fi ;;
	inspect | install)
		mapfile -t COMPREPLY < <(compgen -f -X '!*.bpf.o' -- "$cur"; compgen -d -- "$cur") ;;
	db)
		[ "$prev" = db ] && mapfile -t COMPREPLY < <(compgen -W 'list search validate' -- "$cur") ;;
	decode)
		mapfile -t COMPREPLY < <(compgen -W "$(_hidfix_devices)" -- "$cur"; compgen -f -- "$cur") ;;
	help) [ "$prev" = help ] && mapfile -t COMPREPLY < <(compgen -W "$verbs" -- "$cur") ;;
	esac
}

_hid_record() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	case "$prev" in
	-o | --output) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	--backend) mapfile -t COMPREPLY < <(compgen -W 'hidraw hidapi' -- "$cur"); return ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W '--output --backend --before-fixups --verbose --help' -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "$(compgen -G '/dev/hidraw*')" -- "$cur")
	fi
}

_hid_replay() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	case "$prev" in
	--speed) return ;;
	--fixup) mapfile -t COMPREPLY < <(compgen -f -X '!*.bpf.o' -- "$cur"; compgen -d -- "$cur"); return ;;
	--hidfix) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W '--speed --no-delay --fixup --auto --hidfix --evdev
			--wait --check --verbose --help' -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}

complete -F _hidfix hidfix
complete -F _hid_record hid-record
complete -F _hid_replay hid-replay
