"""``newsbot new-site`` writes a profile that loads as a profile, and the folder of its saved pages (which
``tests/test_profiles.py`` checks it against)."""

from __future__ import annotations

import importlib.util

import pytest

from newsbot.cli import main
from newsbot.commands import new_site
from newsbot.sites import SiteProfile


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    monkeypatch.setattr(new_site, "PROFILES_DIR", tmp_path / "sites")
    (tmp_path / "sites").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_writes_a_profile_and_the_folder_of_its_pages(sandbox):
    assert main(["new-site", "daily_planet", "--base-url", "https://planet.example/", "--section", "world",
                 "--theme", "tagdiv"]) == 0
    spec = importlib.util.spec_from_file_location("daily_planet", sandbox / "sites" / "daily_planet.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    profile = module.DailyPlanet
    assert issubclass(profile, SiteProfile)
    assert (profile.name, profile.base_url, profile.section) == ("daily_planet", "https://planet.example", "world")
    assert profile.selectors.body[0] == "div.td-post-content"
    assert (sandbox / "tests" / "data" / "sites" / "daily_planet").is_dir()


@pytest.mark.parametrize("argv", [
    ["new-site", "Bad-Name", "--base-url", "https://x.example"],
    ["new-site", "fine", "--base-url", "ftp://x.example"],
    ["new-site", "world_news", "--base-url", "https://x.example"],  # exists already
])
def test_refuses_bad_input(sandbox, argv, capsys):
    assert main(argv) == 2
    assert "newsbot new-site:" in capsys.readouterr().err
