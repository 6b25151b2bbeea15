/* The checks, in the order they run. Add one: a catalogue entry
 * (catalog/), one file defining its const struct check, one line here. */
#include "checks/check.h"

extern const struct check check_latest_tag;
extern const struct check check_add_instead_of_copy;
extern const struct check check_shell_form_cmd;
extern const struct check check_pipefail;
extern const struct check check_shellcheck;
extern const struct check check_no_healthcheck;
extern const struct check check_relative_workdir;
extern const struct check check_multiple_cmd;
extern const struct check check_untrusted_registry;
extern const struct check check_maintainer;
extern const struct check check_duplicate_stage;
extern const struct check check_expose_invalid;
extern const struct check check_copy_from_self;
extern const struct check check_copy_dest_not_dir;
extern const struct check check_run_cd;
extern const struct check check_env_same_instr;
extern const struct check check_useradd_lastlog;
extern const struct check check_package_prompt;
extern const struct check check_unpinned_package;
extern const struct check check_apt_cli;
extern const struct check check_install_recommends;
extern const struct check check_copy_from_unknown;
extern const struct check check_copy_whole_fs;
extern const struct check check_copy_relative_dest;
extern const struct check check_sh_link;
extern const struct check check_add_checksum;
extern const struct check check_volume_system;
extern const struct check check_reserved_stage;
extern const struct check check_from_platform;
extern const struct check check_user_numeric;
extern const struct check check_package_upgrade;
extern const struct check check_rt_env_secret;
extern const struct check check_compose_latest_tag;
extern const struct check check_root_user;
extern const struct check check_user_before_packages;
extern const struct check check_sudo;
extern const struct check check_user_not_created;
extern const struct check check_rt_root_user;
extern const struct check check_rt_privileged;
extern const struct check check_rt_capabilities;
extern const struct check check_rt_docker_socket;
extern const struct check check_rt_host_paths;
extern const struct check check_rt_namespaces;
extern const struct check check_rt_unconfined;
extern const struct check check_rt_devices;
extern const struct check check_rt_propagation;
extern const struct check check_rt_system_volume;
extern const struct check check_context_before_install;
extern const struct check check_manifest_not_alone;
extern const struct check check_apt_update_alone;
extern const struct check check_package_cache;
extern const struct check check_runtime_mkdir;
extern const struct check check_copy_without_chown;
extern const struct check check_chown_separate_layer;
extern const struct check check_world_writable;
extern const struct check check_secret_in_arg_env;
extern const struct check check_secret_on_command_line;
extern const struct check check_secret_file_copied;
extern const struct check check_arg_at_runtime;
extern const struct check check_build_only_env;
extern const struct check check_undefined_variable;
extern const struct check check_global_arg_not_redeclared;
extern const struct check check_scripts_without_compose;
extern const struct check check_scripts_run_services;
extern const struct check check_supervisor;
extern const struct check check_background_daemon;
extern const struct check check_sshd;
extern const struct check check_rt_no_restart;
extern const struct check check_compose_invalid_restart;
extern const struct check check_compose_restart_forever;
extern const struct check check_rt_public_port;
extern const struct check check_rt_public_database;
extern const struct check check_rt_host_network;
extern const struct check check_rt_default_bridge;
extern const struct check check_compose_unexposed_port;
extern const struct check check_compose_port_clash;
extern const struct check check_compose_log_files;
extern const struct check check_rt_logging_none;
extern const struct check check_rt_log_rotation;
extern const struct check check_compose_no_logging;
extern const struct check check_image_history_secret;
extern const struct check check_image_secret_file;
extern const struct check check_rt_healthcheck;
extern const struct check check_image_unknown_user;
extern const struct check check_image_setuid;
extern const struct check check_image_shadow;
extern const struct check check_image_root_owned_dirs;
extern const struct check check_rt_service_manager;
extern const struct check check_image_ports;
extern const struct check check_image_log_files;
extern const struct check check_image_leftovers;
extern const struct check check_rt_no_new_privileges;
extern const struct check check_rt_limits;
extern const struct check check_rt_read_only;
extern const struct check check_rt_cap_drop;
extern const struct check check_live_process_trees;
extern const struct check check_live_restart_loop;
extern const struct check check_live_log_folder;

const struct check *const check_table[] = {
	&check_latest_tag,
	&check_add_instead_of_copy,
	&check_shell_form_cmd,
	&check_pipefail,
	&check_shellcheck,
	&check_no_healthcheck,
	&check_relative_workdir,
	&check_multiple_cmd,
	&check_untrusted_registry,
	&check_maintainer,
	&check_duplicate_stage,
	&check_expose_invalid,
	&check_copy_from_self,
	&check_copy_dest_not_dir,
	&check_run_cd,
	&check_env_same_instr,
	&check_useradd_lastlog,
	&check_package_prompt,
	&check_unpinned_package,
	&check_apt_cli,
	&check_install_recommends,
	&check_copy_from_unknown,
	&check_copy_whole_fs,
	&check_copy_relative_dest,
	&check_sh_link,
	&check_add_checksum,
	&check_volume_system,
	&check_reserved_stage,
	&check_from_platform,
	&check_user_numeric,
	&check_package_upgrade,
	&check_rt_env_secret,
	&check_compose_latest_tag,
	&check_root_user,
	&check_user_before_packages,
	&check_sudo,
	&check_user_not_created,
	&check_rt_root_user,
	&check_rt_privileged,
	&check_rt_capabilities,
	&check_rt_docker_socket,
	&check_rt_host_paths,
	&check_rt_namespaces,
	&check_rt_unconfined,
	&check_rt_devices,
	&check_rt_propagation,
	&check_rt_system_volume,
	&check_context_before_install,
	&check_manifest_not_alone,
	&check_apt_update_alone,
	&check_package_cache,
	&check_runtime_mkdir,
	&check_copy_without_chown,
	&check_chown_separate_layer,
	&check_world_writable,
	&check_secret_in_arg_env,
	&check_secret_on_command_line,
	&check_secret_file_copied,
	&check_arg_at_runtime,
	&check_build_only_env,
	&check_undefined_variable,
	&check_global_arg_not_redeclared,
	&check_scripts_without_compose,
	&check_scripts_run_services,
	&check_supervisor,
	&check_background_daemon,
	&check_sshd,
	&check_rt_no_restart,
	&check_compose_invalid_restart,
	&check_compose_restart_forever,
	&check_rt_public_port,
	&check_rt_public_database,
	&check_rt_host_network,
	&check_rt_default_bridge,
	&check_compose_unexposed_port,
	&check_compose_port_clash,
	&check_compose_log_files,
	&check_rt_logging_none,
	&check_rt_log_rotation,
	&check_compose_no_logging,
	&check_image_history_secret,
	&check_image_secret_file,
	&check_rt_healthcheck,
	&check_image_unknown_user,
	&check_image_setuid,
	&check_image_shadow,
	&check_image_root_owned_dirs,
	&check_rt_service_manager,
	&check_image_ports,
	&check_image_log_files,
	&check_image_leftovers,
	&check_rt_no_new_privileges,
	&check_rt_limits,
	&check_rt_read_only,
	&check_rt_cap_drop,
	&check_live_process_trees,
	&check_live_restart_loop,
	&check_live_log_folder,

};
const size_t check_count = sizeof(check_table) / sizeof(check_table[0]);
