#!/usr/bin/env python3
"""Runs the shell steps of a CI definition inside a root (chroot), the way
the CI service would, so the suite can test them on a clean Debian 12.

  steps.py action ROOT ACTION_YML WORKSPACE [input=value]... [event.path=value]...
      The run: steps of a composite GitHub Action, in order, with ${{ }}
      expressions for inputs, github.action_path, github.token,
      github.event.*, steps.ID.outputs.* and if: conditions (==, !=, &&,
      ||, always()) evaluated; uses: steps are skipped (they need GitHub).
      GITHUB_OUTPUT, GITHUB_PATH, GITHUB_ENV and GITHUB_STEP_SUMMARY are
      files under /gh in the root. The action sits at /action in the root.
  steps.py gitlab ROOT GITLAB_YML JOB WORKSPACE [VAR=value]...
      The job's before_script and script in one bash -eo pipefail, with its
      variables (overridden by VAR=value).

Each command runs as `unshare --mount chroot ROOT` with /proc mounted and
the host's apt archive cache folder bound (SW_APT_CACHE), so mounts vanish
with the command. Prints one line per step ("step NAME: exit N" or "step
NAME: skipped") and exits with the status of the last step that ran
(GitHub: the first that failed).
"""
import json
import os
import re
import subprocess
import sys

import yaml


def in_root(root, script, env, cwd):
    mounts = f'mount -t proc proc "{root}/proc"'
    cache = os.environ.get("SW_APT_CACHE")
    if cache:
        mounts += f' && mount --bind "{cache}" "{root}/var/cache/apt/archives"'
    inner = ["env", "-i"] + [f"{k}={v}" for k, v in env.items()] + [
        "bash", "-eo", "pipefail", "-c", f'cd "{cwd}" && {script}']
    cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
           f'{mounts} && exec chroot "$0" "$@"', root] + inner
    sys.stdout.flush()
    return subprocess.call(cmd)


BASE_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME": "/root", "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive",
}


def read_kv(path):
    out = {}
    try:
        for line in open(path, encoding="utf-8"):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v
    except FileNotFoundError:
        pass
    return out


def run_action(root, action_yml, workspace, args):
    action = yaml.safe_load(open(action_yml, encoding="utf-8"))
    inputs, event = {}, {}
    for a in args:
        k, v = a.split("=", 1)
        if k.startswith("event."):
            event[k[6:]] = v
        else:
            inputs[k] = v
    outputs = {}
    gh = {"action_path": "/action", "token": "", "workspace": workspace}

    def lookup(name):
        name = name.strip()
        if name.startswith("inputs."):
            k = name[7:]
            if k in inputs:
                return inputs[k]
            d = action["inputs"].get(k, {}).get("default", "")
            return expand(str(d))
        if name.startswith("github.event."):
            return event.get(name[13:], "")
        if name.startswith("github."):
            return gh.get(name[7:], "")
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
        if m:
            return outputs.get(m.group(1), {}).get(m.group(2), "")
        raise SystemExit(f"steps.py: unsupported expression {name!r}")

    def expand(text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: lookup(m.group(1)), text)

    def condition(expr):
        expr = expr.strip()
        if expr.startswith("${{"):
            expr = expr[3:-2]
        py = re.sub(r"\b(inputs|steps|github)\.[\w.-]+",
                    lambda m: repr(lookup(m.group(0))), expr)
        py = py.replace("always()", "True").replace("&&", " and ").replace("||", " or ")
        return bool(eval(py, {"__builtins__": {}}, {}))

    ghdir = os.path.join(root, "gh")
    os.makedirs(os.path.join(ghdir, "tmp"), exist_ok=True)
    path_extra, env_extra = [], {}
    failed, last = False, 0
    for i, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", step.get("id", f"step {i}"))
        cond = step.get("if")
        run_it = condition(cond) if cond else True
        if failed and not (cond and "always()" in cond):
            run_it = False
        if not run_it:
            print(f"step {name}: skipped")
            continue
        if "uses" in step:
            print(f"step {name}: skipped (uses: {step['uses']} needs GitHub)")
            continue
        for f in ("output", "path", "env"):
            open(os.path.join(ghdir, f), "w").close()
        env = dict(BASE_ENV)
        env.update(env_extra)
        if path_extra:
            env["PATH"] = ":".join(path_extra[::-1]) + ":" + env["PATH"]
        env.update({
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": workspace,
            "GITHUB_REPOSITORY": "owner/project", "GITHUB_API_URL": "http://127.0.0.1:9",
            "GITHUB_OUTPUT": "/gh/output", "GITHUB_PATH": "/gh/path", "GITHUB_ENV": "/gh/env",
            "GITHUB_STEP_SUMMARY": "/gh/summary", "RUNNER_TEMP": "/gh/tmp",
            "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
        })
        for k, v in (step.get("env") or {}).items():
            env[k] = expand(str(v))
        print(f"step {name}: running", flush=True)
        last = in_root(root, expand(step["run"]), env, workspace)
        print(f"step {name}: exit {last}", flush=True)
        outputs[step.get("id", f"#{i}")] = read_kv(os.path.join(ghdir, "output"))
        path_extra += [p.strip() for p in open(os.path.join(ghdir, "path")) if p.strip()]
        env_extra.update(read_kv(os.path.join(ghdir, "env")))
        if last != 0:
            failed = True
    print("outputs " + json.dumps(outputs, sort_keys=True))
    return last


def run_gitlab(root, gitlab_yml, job, workspace, args):
    doc = yaml.safe_load(open(gitlab_yml, encoding="utf-8"))[job]
    variables = {k: str(v) for k, v in (doc.get("variables") or {}).items()}
    for a in args:
        k, v = a.split("=", 1)
        variables[k] = v
    env = dict(BASE_ENV)
    env.update(variables)
    env.update({"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": workspace})
    lines = list(doc.get("before_script") or []) + list(doc.get("script") or [])
    print(f"step {job}: running", flush=True)
    rc = in_root(root, "\n".join(lines), env, workspace)
    print(f"step {job}: exit {rc}", flush=True)
    return rc


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    kind = sys.argv[1]
    if kind == "action":
        return run_action(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    if kind == "gitlab" and len(sys.argv) >= 6:
        return run_gitlab(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
