# fish completion for seaworthy(1).
#
# Install it as /usr/share/fish/vendor_completions.d/seaworthy.fish (make
# install does), or copy it to ~/.config/fish/completions/.
#
# Rule ids (explain, --select, --ignore) come from `seaworthy rules`, run the
# first time they are needed in a shell.

set -l commands check rules explain parse config image host live help

# The rule ids, with their titles as descriptions, cached per shell.
function __seaworthy_rule_ids
    if not set -q __seaworthy_ids
        set -l bin (commandline -opc)[1]
        command -sq -- $bin; or set bin seaworthy
        set -g __seaworthy_ids ($bin rules 2>/dev/null | string match -r '^SW\d+ .*' | string replace -r '^(SW\d+)\s+\S+\s+\S+\s+\S+\s+' '$1\t')
    end
    printf '%s\n' $__seaworthy_ids
end

# The ids again, after what the current comma-separated word already holds.
function __seaworthy_rule_list
    set -l cur (commandline -ct | string replace -r '^--[a-z-]+=' '')
    set -l head (string match -r '^.*,' -- $cur)
    for id in (__seaworthy_rule_ids)
        printf '%s%s\n' "$head" $id
    end
end

complete -c seaworthy -f

# Subcommands.
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a check -d 'Check Dockerfiles, compose projects and scripts'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a rules -d 'List the rule catalogue'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a explain -d 'Explain a rule'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a parse -d 'Dump a Dockerfile as BuildKit parses it'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a config -d 'Print the resolved compose project'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a image -d 'Check a built image'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a host -d 'Check the host user and the Docker daemon'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a live -d 'Audit the engine'\''s containers'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show the help of a command'
complete -c seaworthy -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c seaworthy -n "__fish_seen_subcommand_from help" -a "check rules explain parse config image host live"
complete -c seaworthy -l help -d 'Show the help'

# The report options of check, host, image and live.
set -l report '__fish_seen_subcommand_from check host image live'
complete -c seaworthy -n $report -x -l format -a 'text json sarif junit github gitlab checkstyle gnu' -d 'Report format (repeatable)'
complete -c seaworthy -n $report -r -F -l output -d 'Write the preceding --format to FILE'
complete -c seaworthy -n '__fish_seen_subcommand_from check host live' -r -F -s o -d 'Write the preceding --format to FILE'
complete -c seaworthy -n $report -x -l fail-on -a 'error warning info never' -d 'Exit 1 when a finding reaches LEVEL'
complete -c seaworthy -n $report -x -l select -a '(__seaworthy_rule_list)' -d 'Report only these rules'
complete -c seaworthy -n $report -x -l ignore -a '(__seaworthy_rule_list)' -d 'Do not report these rules'
complete -c seaworthy -n $report -r -F -l config -d 'Settings from FILE'
complete -c seaworthy -n $report -r -F -l baseline -d 'Report only findings FILE does not know'
complete -c seaworthy -n $report -r -F -l write-baseline -d 'Record today'\''s findings in FILE'
complete -c seaworthy -n '__fish_seen_subcommand_from check host image live' -l no-config -d 'Read no configuration file'
complete -c seaworthy -n $report -s q -l quiet -d 'The findings only: no checklist, no summary'
# --color and --no-color: every command takes them.
complete -c seaworthy -n "__fish_seen_subcommand_from $commands" -x -l color -a 'auto always never' -d 'Colour the text report'
complete -c seaworthy -n "__fish_seen_subcommand_from $commands" -l no-color -d 'Same as --color never'

# check: paths, compose options.
complete -c seaworthy -n '__fish_seen_subcommand_from check' -F
complete -c seaworthy -n '__fish_seen_subcommand_from check' -x -s j -l jobs -d 'Check in N threads'
complete -c seaworthy -n '__fish_seen_subcommand_from check' -l show-suppressed -d 'Also list suppressed findings'
complete -c seaworthy -n '__fish_seen_subcommand_from check' -x -l scope -a 'production all' -d 'What production-only rules look at'
complete -c seaworthy -n '__fish_seen_subcommand_from check' -l list-inputs -d 'List the inputs and stop'
complete -c seaworthy -n '__fish_seen_subcommand_from check' -l require-reasons -d 'A suppression without a reason is an error'
complete -c seaworthy -n '__fish_seen_subcommand_from check' -r -F -l hadolint-config -d 'hadolint'\''s ignored and trustedRegistries from FILE'
complete -c seaworthy -n '__fish_seen_subcommand_from check config' -r -F -s f -l file -d 'A compose file (repeatable)'
complete -c seaworthy -n '__fish_seen_subcommand_from check config' -x -l project-directory -a '(__fish_complete_directories)' -d 'The compose project directory'
complete -c seaworthy -n '__fish_seen_subcommand_from check config' -r -F -l env-file -d 'Compose variables from FILE'
complete -c seaworthy -n '__fish_seen_subcommand_from check config' -x -l profile -d 'Enable a compose profile'

# config, rules, explain, parse.
complete -c seaworthy -n '__fish_seen_subcommand_from config' -F
complete -c seaworthy -n '__fish_seen_subcommand_from config' -l model -d 'Print the typed model the rules see'
complete -c seaworthy -n '__fish_seen_subcommand_from rules' -x -l format -a 'text json markdown man schema' -d 'The catalogue as a table, data, Markdown, a manual page or the config schema'
complete -c seaworthy -n '__fish_seen_subcommand_from rules' -l markdown -d 'The catalogue as Markdown'
complete -c seaworthy -n '__fish_seen_subcommand_from rules' -l man -d 'The catalogue as a manual page'
complete -c seaworthy -n '__fish_seen_subcommand_from explain' -x -a '(__seaworthy_rule_ids)'
complete -c seaworthy -n '__fish_seen_subcommand_from parse' -F
complete -c seaworthy -n '__fish_seen_subcommand_from parse' -l dump -d 'Print the parse tree'

# host, image, live.
complete -c seaworthy -n '__fish_seen_subcommand_from host' -x -l user -a '(__fish_complete_users)' -d 'The user to check'
complete -c seaworthy -n '__fish_seen_subcommand_from host' -x -l root -a '(__fish_complete_directories)' -d 'Audit the tree mounted at DIR'
complete -c seaworthy -n '__fish_seen_subcommand_from image live' -x -s H -l host -a 'unix:///var/run/docker.sock tcp://' -d 'The Docker engine'
complete -c seaworthy -n '__fish_seen_subcommand_from image' -F
complete -c seaworthy -n '__fish_seen_subcommand_from live' -x -s p -l project -d 'Only this compose project'
