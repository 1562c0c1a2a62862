"""A real WordPress from Debian's packages, run under a work directory, as an integration-test target.

MariaDB (own datadir and socket, 127.0.0.1 only) and Apache (own config, mod_php, mod_rewrite,
127.0.0.1:PORT only) are started as child processes; nothing under /etc is read for the site or written.
The docroot is a small copy of Debian's /usr/share/wordpress: the top-level PHP files are copied (PHP
resolves symlinks, so a copied wp-load.php is what makes ABSPATH the docroot and our own wp-config.php the
one loaded), wp-includes, wp-admin and the themes are symlinks to the package.

The site (Arabic, timezone Asia/Riyadh, pretty permalinks) is filled by PHP CLI scripts from
``wordpress_content.plan()``, and the ground truth is exported back from WordPress into ``<workdir>/truth/``
(see ``wordpress_truth.py``). Its theme is one of Debian's theme packages (``THEMES``), switched with
``site.use_theme(NAME)``; each is a package of its own (``wordpress`` only recommends one), so a test that
needs a theme asks ``missing_theme(NAME)`` and skips (or fails under CI) when it is not installed.

Usage as a script:
    python tests/wordpress/setup_wordpress.py serve --port 8081 --workdir /tmp/wp   # Ctrl-C stops it
    python tests/wordpress/setup_wordpress.py check                                 # missing packages
As a module: ``with WordPressSite(workdir, port) as site: site.base_url, site.truth_dir``.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import wordpress_content
import wordpress_truth

HERE = Path(__file__).resolve().parent

WORDPRESS_DIR = Path("/usr/share/wordpress")
APACHE_MODULES = Path("/usr/lib/apache2/modules")
PHP_DIR = HERE / "php"
DB_NAME = "wordpress"
DB_USER = "wordpress"
DB_PASSWORD = "newsbot-test"
READY_TIMEOUT = 30.0
APACHE_USER = "www-data"

# what must exist -> the Debian package that provides it
REQUIRED_FILES = {
    "/usr/sbin/mariadbd": "mariadb-server",
    "/usr/bin/mariadb-install-db": "mariadb-server",
    "/usr/bin/mariadb-admin": "mariadb-client",
    "/usr/bin/mariadb": "mariadb-client",
    "/usr/sbin/apache2": "apache2",
    "/usr/bin/php": "php-cli",
    str(WORDPRESS_DIR / "wp-settings.php"): "wordpress",
}
# PHP extension (as `php -m` names it) -> its package: the database, the sitemaps, Arabic text
PHP_EXTENSIONS = {"mysqli": "php-mysql", "SimpleXML": "php-xml", "mbstring": "php-mbstring"}
APT_PACKAGES = ["wordpress", "mariadb-server", "apache2", "libapache2-mod-php", "php-cli", *PHP_EXTENSIONS.values()]
# the themes the tier crawls under (folder name -> Debian package): a classic theme and two block themes
THEMES = {name: f"wordpress-theme-{name}" for name in ("twentytwentyone", "twentytwentytwo", "twentytwentythree")}


def missing_theme(name: str) -> str | None:
    """The Debian package to install for theme ``name``, or None when it is installed."""
    return None if (WORDPRESS_DIR / "wp-content" / "themes" / name / "style.css").exists() else THEMES[name]


def missing_packages() -> list[str]:
    """The Debian packages whose files the site needs and that are not installed."""
    missing = [package for path, package in REQUIRED_FILES.items() if not os.path.exists(path)]
    if not _php_apache_module():
        missing.append("libapache2-mod-php")
    if os.path.exists("/usr/bin/php"):
        loaded = _php_extensions()
        missing += [package for extension, package in PHP_EXTENSIONS.items() if extension not in loaded]
    return sorted(set(missing))


def _php_apache_module() -> str | None:
    found = sorted(glob.glob(str(APACHE_MODULES / "libphp*.so")))
    return found[-1] if found else None


def _php_extensions() -> set[str]:
    result = subprocess.run(["php", "-m"], capture_output=True, text=True, check=False)
    return set(result.stdout.split())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, what: str, process: subprocess.Popen, log: Path, timeout: float = READY_TIMEOUT) -> None:
    """Poll `ready()` until true; fail early, with the log's tail, when `process` dies."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{what} did not become ready (exit code {process.poll()}):\n{tail}")
        time.sleep(0.05)


def port_accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class WordPressSite:
    workdir: Path
    port: int
    processes: list[subprocess.Popen] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    theme: str | None = None  # the theme switched to by use_theme (None: WordPress's default, maybe absent)

    def __post_init__(self) -> None:
        self.workdir = Path(self.workdir).resolve()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def docroot(self) -> Path:
        return self.workdir / "docroot"

    @property
    def truth_dir(self) -> Path:
        return self.workdir / "truth"

    @property
    def db_socket(self) -> Path:
        return self.workdir / "mysql" / "mysqld.sock"

    # -- lifecycle ---------------------------------------------------------------------------------------

    def __enter__(self) -> WordPressSite:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        missing = missing_packages()
        if missing:
            raise RuntimeError("missing Debian packages: " + " ".join(missing))
        stop_leftovers(self.workdir)
        self._reset_workdir()
        try:
            self._timed("mariadb", self._start_mariadb)
            self._timed("docroot", self._build_docroot)
            self._timed("apache", self._start_apache)
            self._timed("install", lambda: self._php("install.php"))
            self._timed("populate", self._populate)
            self._timed("truth", self._export_truth)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        started = time.monotonic()
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
        self.timings["teardown"] = round(time.monotonic() - started, 2)

    def _timed(self, name: str, step) -> None:
        started = time.monotonic()
        step()
        self.timings[name] = round(time.monotonic() - started, 2)

    def _reset_workdir(self) -> None:
        for name in ("mysql", "docroot", "apache", "truth", "plan.json"):
            path = self.workdir / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        self.workdir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:  # Apache's children run as www-data: they must reach the docroot and socket
            self.workdir.chmod(0o755)
            _check_traversable(self.workdir)

    # -- MariaDB -----------------------------------------------------------------------------------------

    def _start_mariadb(self) -> None:
        datadir = self.workdir / "mysql" / "data"
        datadir.mkdir(parents=True)
        common = ["--no-defaults", f"--datadir={datadir}", "--innodb-log-file-size=8M", "--skip-name-resolve"]
        log = self.workdir / "mysql" / "install.log"
        with log.open("w") as out:
            subprocess.run(
                ["mariadb-install-db", *common, "--user=root", "--auth-root-authentication-method=socket",
                 "--skip-test-db"],
                stdout=out, stderr=subprocess.STDOUT, check=True,
            )
        error_log = self.workdir / "mysql" / "error.log"
        server = subprocess.Popen(
            ["mariadbd", *common, f"--socket={self.db_socket}", f"--port={free_port()}",
             "--bind-address=127.0.0.1", "--user=root", f"--pid-file={self.workdir / 'mysql' / 'mysqld.pid'}",
             f"--log-error={error_log}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        self.processes.append(server)
        wait_until(self._mariadb_answers, "MariaDB", server, error_log)
        self._sql(
            f"CREATE DATABASE {DB_NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;"
            f"CREATE USER '{DB_USER}'@'localhost' IDENTIFIED BY '{DB_PASSWORD}';"
            f"GRANT ALL ON {DB_NAME}.* TO '{DB_USER}'@'localhost';"
        )

    def _mariadb_answers(self) -> bool:
        ping = subprocess.run(
            ["mariadb-admin", "--no-defaults", f"--socket={self.db_socket}", "-uroot", "ping"],
            capture_output=True, check=False,
        )
        return ping.returncode == 0

    def _sql(self, statements: str) -> None:
        subprocess.run(
            ["mariadb", "--no-defaults", f"--socket={self.db_socket}", "-uroot", "-e", statements],
            check=True, capture_output=True,
        )

    # -- docroot and Apache ------------------------------------------------------------------------------

    def _build_docroot(self) -> None:
        self.docroot.mkdir()
        for entry in WORDPRESS_DIR.iterdir():
            if entry.name in ("wp-config.php", "wp-config-sample.php", "wp-content"):
                continue
            if entry.is_dir():
                (self.docroot / entry.name).symlink_to(entry)
            else:
                shutil.copy(entry, self.docroot / entry.name)
        content = self.docroot / "wp-content"
        (content / "plugins").mkdir(parents=True)
        (content / "uploads").mkdir()
        for name in ("themes", "languages"):
            (content / name).symlink_to(WORDPRESS_DIR / "wp-content" / name)
        (self.docroot / "wp-config.php").write_text(self._wp_config())

    def _wp_config(self) -> str:
        constants = {
            "DB_NAME": DB_NAME, "DB_USER": DB_USER, "DB_PASSWORD": DB_PASSWORD,
            "DB_HOST": f"localhost:{self.db_socket}", "DB_CHARSET": "utf8mb4", "DB_COLLATE": "",
            "WP_HOME": self.base_url, "WP_SITEURL": self.base_url,
            "DISABLE_WP_CRON": True, "AUTOMATIC_UPDATER_DISABLED": True, "WP_AUTO_UPDATE_CORE": False,
            "WP_HTTP_BLOCK_EXTERNAL": True,  # no request leaves the machine (update checks, pingbacks)
            "WP_DEBUG": False,
        }
        for key in ("AUTH", "SECURE_AUTH", "LOGGED_IN", "NONCE"):
            constants[f"{key}_KEY"] = constants[f"{key}_SALT"] = f"newsbot-test-{key.lower()}"
        lines = ["<?php"]
        lines += [f"define({json.dumps(name)}, {_php_literal(value)});" for name, value in constants.items()]
        lines += ["$table_prefix = 'wp_';", "defined('ABSPATH') || define('ABSPATH', __DIR__ . '/');",
                  "require_once ABSPATH . 'wp-settings.php';", ""]
        return "\n".join(lines)

    def _start_apache(self) -> None:
        apache_dir = self.workdir / "apache"
        apache_dir.mkdir()
        config = apache_dir / "httpd.conf"
        config.write_text(self._apache_config(apache_dir))
        with (apache_dir / "startup.log").open("w") as startup_log:
            server = subprocess.Popen(
                ["apache2", "-f", str(config), "-DFOREGROUND"],
                stdout=subprocess.DEVNULL, stderr=startup_log,
                start_new_session=True,  # prefork signals its whole process group when it stops
            )
        self.processes.append(server)
        wait_until(lambda: port_accepts(self.port), "Apache", server, apache_dir / "startup.log")

    def _apache_config(self, apache_dir: Path) -> str:
        modules = {
            "mpm_prefork_module": APACHE_MODULES / "mod_mpm_prefork.so",
            "authz_core_module": APACHE_MODULES / "mod_authz_core.so",
            "dir_module": APACHE_MODULES / "mod_dir.so",
            "mime_module": APACHE_MODULES / "mod_mime.so",
            "rewrite_module": APACHE_MODULES / "mod_rewrite.so",
            "php_module": _php_apache_module(),
        }
        run_as = f"User {APACHE_USER}\nGroup {APACHE_USER}\n" if os.geteuid() == 0 else ""
        return "\n".join(f"LoadModule {name} {path}" for name, path in modules.items()) + f"""
ServerRoot "{apache_dir}"
ServerName 127.0.0.1:{self.port}
Listen 127.0.0.1:{self.port}
PidFile "{apache_dir}/httpd.pid"
DefaultRuntimeDir "{apache_dir}"
Mutex file:{apache_dir}
ErrorLog "{apache_dir}/error.log"
LogFormat "%h %t \\"%r\\" %>s %b %D" timed
CustomLog "{apache_dir}/access.log" timed
{run_as}StartServers 2
MinSpareServers 2
MaxSpareServers 4
MaxRequestWorkers 8
TypesConfig /etc/mime.types
AddDefaultCharset UTF-8
DocumentRoot "{self.docroot}"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "{WORDPRESS_DIR}">
    Options FollowSymLinks
    Require all granted
</Directory>
<Directory "{self.docroot}">
    Options FollowSymLinks
    AllowOverride None
    Require all granted
    DirectoryIndex index.php
    RewriteEngine On
    RewriteBase /
    RewriteRule ^index\\.php$ - [L]
    RewriteCond %{{REQUEST_FILENAME}} !-f
    RewriteCond %{{REQUEST_FILENAME}} !-d
    RewriteRule . /index.php [L]
</Directory>
<FilesMatch "\\.php$">
    SetHandler application/x-httpd-php
</FilesMatch>
"""

    # -- content and truth -------------------------------------------------------------------------------

    def use_theme(self, name: str) -> None:
        """Make ``name`` the site's theme (its Debian package must be installed: ``missing_theme``)."""
        if self.theme != name:
            self._php("theme.php", name)
            self.theme = name

    def _php(self, script: str, *args: str) -> str:
        result = subprocess.run(
            ["php", str(PHP_DIR / script), str(self.docroot), *args], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"php {script} failed ({result.returncode}):\n{result.stdout[-3000:]}\n"
                               f"{result.stderr[-3000:]}")
        return result.stdout

    def _populate(self) -> None:
        plan_path = self.workdir / "plan.json"
        plan_path.write_text(json.dumps(wordpress_content.plan(), ensure_ascii=False, indent=1), encoding="utf-8")
        self._php("populate.php", str(plan_path))

    def _export_truth(self) -> None:
        exported = json.loads(self._php("export.php"))
        wordpress_truth.write(exported, self.truth_dir, section=wordpress_content.WORLD_NEWS_SLUG)


def _php_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _check_traversable(path: Path) -> None:
    for parent in path.parents:
        if not parent.stat().st_mode & 0o001:
            raise RuntimeError(f"{APACHE_USER} cannot reach {path}: {parent} is not world-searchable; "
                               "use a work directory under a world-searchable folder such as /tmp")


def stop_leftovers(workdir: Path) -> None:
    """Stop servers that an earlier, interrupted run left in this work directory (checked by command line)."""
    for pid_file in (workdir / "mysql" / "mysqld.pid", workdir / "apache" / "httpd.pid"):
        try:
            pid = int(pid_file.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (OSError, ValueError):
            continue
        if str(workdir) in cmdline:
            os.kill(pid, signal.SIGTERM)
            _wait_gone(pid)


def _wait_gone(pid: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="list the missing Debian packages (exit 1 when any)")
    serve = commands.add_parser("serve", help="set the site up, serve it until interrupted, tear down")
    serve.add_argument("--port", type=int, default=0, help="0 picks a free port")
    serve.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "check":
        missing = missing_packages()
        print("missing: " + " ".join(missing) if missing else "all packages installed")
        return 1 if missing else 0
    site = WordPressSite(args.workdir, args.port or free_port())
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as on Ctrl-C
    with site:
        print(f"WordPress at {site.base_url}/ truth in {site.truth_dir} timings {site.timings}", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
    print(f"stopped; timings {site.timings}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
