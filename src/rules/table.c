/* The rule catalogue, in id order. Add a rule: one file, one line here. */
#include "rules/rule.h"

extern const struct rule rule_latest_tag;
extern const struct rule rule_image_root_user, rule_image_env_secret, rule_image_secret_file,
	rule_image_no_healthcheck, rule_image_unknown_user, rule_image_setuid, rule_image_shadow,
	rule_image_root_owned_dirs, rule_image_service_manager, rule_image_ports,
	rule_image_log_files, rule_image_leftovers;
extern const struct rule rule_live_no_new_privileges, rule_live_root_user, rule_live_privileged,
	rule_live_capabilities, rule_live_docker_socket, rule_live_service_manager,
	rule_live_process_trees, rule_live_no_restart, rule_live_restart_loop,
	rule_live_public_port, rule_live_host_network, rule_live_logging_none,
	rule_live_log_rotation, rule_live_log_folder;
extern const struct rule rule_add_instead_of_copy;
extern const struct rule rule_shell_form_cmd;
extern const struct rule rule_pipefail;
extern const struct rule rule_no_healthcheck;
extern const struct rule rule_relative_workdir;
extern const struct rule rule_untrusted_registry;
extern const struct rule rule_unused_suppression;
extern const struct rule rule_suppression_reason;
extern const struct rule rule_compose_unset_variable;
extern const struct rule rule_compose_several_base_files;
extern const struct rule rule_compose_env_secret;
extern const struct rule rule_compose_latest_tag;
extern const struct rule rule_multiple_cmd;
extern const struct rule rule_root_user;
extern const struct rule rule_host_uid0, rule_host_sudo_root, rule_host_docker_group,
	rule_host_no_docker, rule_host_socket_mode, rule_host_socket_acl,
	rule_host_sudoers_unchecked, rule_daemon_live_restore, rule_daemon_userns,
	rule_daemon_no_new_privileges, rule_daemon_icc, rule_daemon_iptables,
	rule_daemon_flag_conflict, rule_daemon_ip, rule_daemon_log_rotation;
extern const struct rule rule_user_before_packages;
extern const struct rule rule_sudo;
extern const struct rule rule_user_not_created;
extern const struct rule rule_compose_root_user;
extern const struct rule rule_compose_privileged;
extern const struct rule rule_compose_capabilities;
extern const struct rule rule_compose_docker_socket;
extern const struct rule rule_compose_host_namespaces;
extern const struct rule rule_compose_unconfined;
extern const struct rule rule_context_before_install;
extern const struct rule rule_manifest_not_alone;
extern const struct rule rule_apt_update_alone;
extern const struct rule rule_package_cache;
extern const struct rule rule_runtime_mkdir;
extern const struct rule rule_copy_without_chown;
extern const struct rule rule_chown_separate_layer;
extern const struct rule rule_world_writable;
extern const struct rule rule_secret_in_arg_env;
extern const struct rule rule_secret_on_command_line;
extern const struct rule rule_arg_at_runtime;
extern const struct rule rule_build_only_env;
extern const struct rule rule_undefined_variable;
extern const struct rule rule_global_arg_not_redeclared;
extern const struct rule rule_scripts_without_compose;
extern const struct rule rule_scripts_run_services;
extern const struct rule rule_supervisor;
extern const struct rule rule_background_daemon;
extern const struct rule rule_sshd;
extern const struct rule rule_compose_no_restart;
extern const struct rule rule_compose_invalid_restart;
extern const struct rule rule_compose_restart_forever;
extern const struct rule rule_compose_public_port;
extern const struct rule rule_compose_public_database;
extern const struct rule rule_compose_host_network;
extern const struct rule rule_compose_unexposed_port;
extern const struct rule rule_compose_log_files;
extern const struct rule rule_compose_logging_none;
extern const struct rule rule_compose_log_rotation;
extern const struct rule rule_compose_no_logging;

const struct rule *const rule_table[] = {
	&rule_latest_tag,
	&rule_add_instead_of_copy,
	&rule_shell_form_cmd,
	&rule_pipefail,
	&rule_no_healthcheck,
	&rule_relative_workdir,
	&rule_multiple_cmd,
	&rule_untrusted_registry,
	&rule_unused_suppression,
	&rule_suppression_reason,
	&rule_compose_unset_variable,
	&rule_compose_env_secret,
	&rule_compose_latest_tag,
	&rule_daemon_live_restore,
	&rule_daemon_userns,
	&rule_daemon_no_new_privileges,
	&rule_daemon_icc,
	&rule_daemon_iptables,
	&rule_daemon_flag_conflict,
	&rule_host_uid0,
	&rule_host_sudo_root,
	&rule_host_docker_group,
	&rule_host_no_docker,
	&rule_host_socket_mode,
	&rule_host_socket_acl,
	&rule_host_sudoers_unchecked,
	&rule_root_user,
	&rule_user_before_packages,
	&rule_sudo,
	&rule_user_not_created,
	&rule_compose_root_user,
	&rule_compose_privileged,
	&rule_compose_capabilities,
	&rule_compose_docker_socket,
	&rule_compose_host_namespaces,
	&rule_compose_unconfined,
	&rule_context_before_install,
	&rule_manifest_not_alone,
	&rule_apt_update_alone,
	&rule_package_cache,
	&rule_runtime_mkdir,
	&rule_copy_without_chown,
	&rule_chown_separate_layer,
	&rule_world_writable,
	&rule_secret_in_arg_env,
	&rule_secret_on_command_line,
	&rule_arg_at_runtime,
	&rule_build_only_env,
	&rule_undefined_variable,
	&rule_global_arg_not_redeclared,
	&rule_scripts_without_compose,
	&rule_scripts_run_services,
	&rule_compose_several_base_files,
	&rule_supervisor,
	&rule_background_daemon,
	&rule_sshd,
	&rule_compose_no_restart,
	&rule_compose_invalid_restart,
	&rule_compose_restart_forever,
	&rule_compose_public_port,
	&rule_compose_public_database,
	&rule_compose_host_network,
	&rule_compose_unexposed_port,
	&rule_daemon_ip,
	&rule_compose_log_files,
	&rule_compose_logging_none,
	&rule_compose_log_rotation,
	&rule_compose_no_logging,
	&rule_daemon_log_rotation,
	&rule_image_root_user,
	&rule_image_env_secret,
	&rule_image_secret_file,
	&rule_image_no_healthcheck,
	&rule_image_unknown_user,
	&rule_image_setuid,
	&rule_image_shadow,
	&rule_image_root_owned_dirs,
	&rule_image_service_manager,
	&rule_image_ports,
	&rule_image_log_files,
	&rule_image_leftovers,
	&rule_live_no_new_privileges,
	&rule_live_root_user,
	&rule_live_privileged,
	&rule_live_capabilities,
	&rule_live_docker_socket,
	&rule_live_service_manager,
	&rule_live_process_trees,
	&rule_live_no_restart,
	&rule_live_restart_loop,
	&rule_live_public_port,
	&rule_live_host_network,
	&rule_live_logging_none,
	&rule_live_log_rotation,
	&rule_live_log_folder,
};

const size_t rule_count = sizeof(rule_table) / sizeof(rule_table[0]);
