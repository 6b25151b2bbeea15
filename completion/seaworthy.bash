# bash completion for seaworthy(1).
#
# Install it as /usr/share/bash-completion/completions/seaworthy (or
# ~/.local/share/bash-completion/completions/seaworthy), or source it from
# ~/.bashrc. It works with or without the bash-completion package.
#
# Rule ids (explain, --select, --ignore) come from `seaworthy rules`, run the
# first time they are needed in a shell.

# Prints the rule ids, one a line. $1 is the seaworthy being completed.
_seaworthy_rule_ids()
{
	if [[ -z ${_seaworthy_ids-} ]]; then
		local bin=${1:-seaworthy}

		command -v -- "$bin" >/dev/null 2>&1 || bin=seaworthy
		_seaworthy_ids=$("$bin" rules 2>/dev/null | awk 'NR > 1 && $1 ~ /^SW/ { print $1 }')
	fi
	printf '%s\n' "$_seaworthy_ids"
}

# COMPREPLY from a word list, each reply prefixed with $2.
_seaworthy_words() # words prefix cur
{
	local w

	COMPREPLY=()
	while IFS= read -r w; do
		[[ -n $w ]] && COMPREPLY+=("$2$w")
	done < <(compgen -W "$1" -- "$3")
}

# COMPREPLY from file names (directories get a slash).
_seaworthy_files() # cur
{
	if declare -F _filedir >/dev/null 2>&1; then
		cur=$1 _filedir
		return
	fi
	compopt -o filenames 2>/dev/null
	COMPREPLY=()
	local f
	while IFS= read -r f; do
		COMPREPLY+=("$f")
	done < <(compgen -f -- "$1")
}

# The values of the report options that check, host, image and live share,
# from the caller's prev, pre and cur; returns 1 when prev is none of them.
_seaworthy_report_value()
{
	case $prev in
	--format)
		_seaworthy_words "$formats" "$pre" "$cur"
		;;
	--fail-on)
		_seaworthy_words "$levels" "$pre" "$cur"
		;;
	--color)
		_seaworthy_words 'auto always never' "$pre" "$cur"
		;;
	--select | --ignore)
		# A comma-separated list: complete its last id.
		local head=''
		[[ $cur == *,* ]] && head=${cur%,*},
		_seaworthy_words "$(_seaworthy_rule_ids "${COMP_WORDS[0]}")" "$pre$head" "${cur##*,}"
		;;
	--output | -o | --config | --baseline | --write-baseline | --hadolint-config)
		[[ -z $pre ]] && _seaworthy_files "$cur"
		;;
	*)
		return 1
		;;
	esac
	return 0
}

_seaworthy()
{
	local cur prev pre='' cmd='' i
	local commands='check rules explain parse config image host live'
	local formats='text json sarif junit github gitlab checkstyle gnu'
	local levels='error warning info never'
	local check_opts='--format --output -o --fail-on --select --ignore --config
		--no-config --jobs -j --show-suppressed --require-reasons --scope --list-inputs
		--baseline --write-baseline --color --no-color --quiet -q -f --file
		--project-directory --env-file --profile --hadolint-config --help'

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=''
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: bash splits it at the = (COMP_WORDBREAKS), unless the
	# user took = out of COMP_WORDBREAKS, when the word holds it whole.
	if [[ $cur == = && $prev == -* ]]; then
		cur=''
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		pre=$prev=
		cur=${cur#*=}
	fi

	# The subcommand: the first word that is not an option.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $cmd in
	'')
		if [[ $cur == -* ]]; then
			_seaworthy_words '--help --version' "$pre" "$cur"
		else
			_seaworthy_words "$commands help" "$pre" "$cur"
		fi
		;;
	help)
		_seaworthy_words "$commands" "$pre" "$cur"
		;;
	check)
		_seaworthy_report_value && return 0
		case $prev in
		--scope)
			_seaworthy_words 'production all' "$pre" "$cur"
			;;
		-f | --file | --env-file | --project-directory)
			[[ -z $pre ]] && _seaworthy_files "$cur"
			;;
		--profile)
			;;
		*)
			if [[ $cur == -?* ]]; then
				_seaworthy_words "$check_opts" '' "$cur"
			else
				_seaworthy_files "$cur"
			fi
			;;
		esac
		;;
	rules)
		case $prev in
		--format)
			_seaworthy_words 'text json markdown man schema' "$pre" "$cur"
			;;
		--color)
			_seaworthy_words 'auto always never' "$pre" "$cur"
			;;
		*)
			_seaworthy_words '--format --markdown --man --color --no-color --help' '' "$cur"
			;;
		esac
		;;
	explain)
		if [[ $prev == --color ]]; then
			_seaworthy_words 'auto always never' "$pre" "$cur"
		elif [[ $cur == -* ]]; then
			_seaworthy_words '--color --no-color --help' '' "$cur"
		elif [[ $prev == explain ]]; then
			_seaworthy_words "$(_seaworthy_rule_ids "${COMP_WORDS[0]}")" '' "$cur"
		fi
		;;
	parse)
		if [[ $cur == -* ]]; then
			_seaworthy_words '--dump --color --no-color --help' '' "$cur"
		else
			_seaworthy_files "$cur"
		fi
		;;
	config)
		case $prev in
		-f | --file | --env-file | --project-directory)
			[[ -z $pre ]] && _seaworthy_files "$cur"
			;;
		--profile)
			;;
		*)
			if [[ $cur == -?* ]]; then
				_seaworthy_words '-f --file --project-directory --env-file --profile --model
					--color --no-color --help' '' "$cur"
			else
				_seaworthy_files "$cur"
			fi
			;;
		esac
		;;
	image)
		_seaworthy_report_value && return 0
		case $prev in
		--host | -H)
			_seaworthy_words 'unix:///var/run/docker.sock tcp://' "$pre" "$cur"
			;;
		*)
			if [[ $cur == -?* ]]; then
				_seaworthy_words '--format --output --fail-on --select --ignore --config --no-config
					--baseline --write-baseline --quiet -q --color --no-color --host --help' '' "$cur"
			else
				_seaworthy_files "$cur"
			fi
			;;
		esac
		;;
	host)
		_seaworthy_report_value && return 0
		case $prev in
		--user)
			[[ -z $pre ]] && COMPREPLY=($(compgen -u -- "$cur"))
			;;
		--root)
			[[ -z $pre ]] && { compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")); }
			;;
		*)
			_seaworthy_words '--user --root --format --output -o --fail-on --select --ignore
				--config --no-config --baseline --write-baseline --quiet -q --color --no-color
				--help' '' "$cur"
			;;
		esac
		;;
	live)
		_seaworthy_report_value && return 0
		case $prev in
		--host | -H)
			_seaworthy_words 'unix:///var/run/docker.sock tcp://' "$pre" "$cur"
			;;
		--project | -p)
			;;
		*)
			_seaworthy_words '--project -p --host -H --format --output -o --fail-on --select
				--ignore --config --no-config --baseline --write-baseline --quiet -q --color
				--no-color --help' '' "$cur"
			;;
		esac
		;;
	esac
	return 0
}

complete -F _seaworthy seaworthy
