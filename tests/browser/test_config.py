"""AgentBridge.start(config) and AgentBridgeFrame.connect(options) check every option at once:
a wrong value throws INVALID_ARGUMENT from the call itself, naming the option and what it
accepts, before anything is downloaded. The JSON cases are the table the Python checks also run
(tests/data/config_cases.json); the rest are values only JavaScript has (RegExps, functions)."""

import json
from pathlib import Path

import pytest

CASES = json.loads((Path(__file__).resolve().parents[1] / "data" / "config_cases.json").read_text())["cases"]


def start(page, config_js: str):
    """AgentBridge.start(<config_js>): 'started', or [code, message] of what it threw."""
    return page.evaluate(f"""() => {{
        let bridge;
        try {{ bridge = AgentBridge.start({config_js}); }} catch (e) {{ return [e.code, e.message, e instanceof AgentBridge.Error]; }}
        bridge.destroy();
        return 'started';
    }}""")


@pytest.mark.parametrize("case", CASES, ids=lambda c: json.dumps(c["config"])[:60])
def test_the_shim_accepts_and_refuses_as_the_table_says(blank, case):
    result = start(blank, json.dumps(case["config"]))
    if case["ok"]:
        assert result == "started"
    else:
        assert result[0] == "INVALID_ARGUMENT" and result[2] is True, result
        assert case["message"] in result[1]


@pytest.mark.parametrize("config, message", [
    ("'fast'", "AgentBridge.start(config): config must be an object"),
    ("{operator: {dial() {}}}", "config.operator must be a function returning the component; got an object"),
    ("{ucontact: {onDisposition: 'save'}}",
     'config.ucontact.onDisposition must be a function (disposition) => unknown, or null; got "save"'),
    ("{frames: [{origin: /https:\\/\\/forms\\.example\\.com/}]}", "config.frames[0].origin must be anchored"),
    ("{frames: [{origin: /^https:\\/\\/forms\\.example\\.com$/i}]}", "config.frames[0].origin: RegExp flags are not supported"),
    ("{frames: [{origin: /^https:\\/\\/a\\.com\\$/}]}", "config.frames[0].origin must be anchored"),
    ("{frames: [{origin: 'https://forms.example.com:443'}]}",
     'config.frames[0].origin can never match: browsers write "https://forms.example.com:443" as "https://forms.example.com"'),
    ("{frames: [{origin: 'http://forms.example.com:80'}]}", "config.frames[0].origin can never match"),
    ("{frames: [{origin: 'https://forms.example.com:99999'}]}", "config.frames[0].origin must be an origin: port 99999 is above 65535"),
    ("{frames: [{origin: 'http://forms.example.com:08080'}]}",
     'browsers write "http://forms.example.com:08080" as "http://forms.example.com:8080"'),
    ("{frames: 'https://forms.example.com'}", "config.frames must be a list (at most 100) of a frame rule"),
    ("{sso: {tokenUrl: 'https://elsewhere.example.com/token', provider: 'CRM'}}",
     "config.sso.tokenUrl must be on this page's origin"),
    ("{apiOrigins: [/^https:\\/\\/xuc\\.example\\.com$/]}",
     "config.apiOrigins[0] must be a list (at most 10) of an origin like https://forms.example.com (scheme, host, "
     "optional port, nothing else); got /^https:\\/\\/xuc\\.example\\.com$/"),
    ("{apiOrigins: ['https://xuc.example.com:443']}",
     'config.apiOrigins[0] can never match: browsers write "https://xuc.example.com:443" as "https://xuc.example.com"'),
    ("{baseUrl: 'http://['}", 'config.baseUrl must be a URL (absolute, or relative to the page), or null; got "http://["'),
])
def test_values_only_javascript_has_are_checked_too(blank, config, message):
    result = start(blank, config)
    assert result != "started", config
    assert result[0] == "INVALID_ARGUMENT" and message in result[1], result


def test_what_was_checked_is_what_is_used(blank):
    # Defaults filled in, relative URLs resolved against the page, anchored patterns kept.
    config = blank.evaluate("""() => {
        const bridge = AgentBridge.start({sso: {tokenUrl: '/crm/token', provider: 'CRM'},
                                          frames: [{origin: /^https:\\/\\/[a-z]+\\.example\\.com$/}]});
        const c = bridge._config;
        bridge.destroy();
        return {sso: c.sso, frame: [c.frames[0].origin.source, c.frames[0].allow, c.frames[0].events],
                callTimeout: c.callTimeout, operator: typeof c.operator, base: c.baseUrl};
    }""")
    origin = blank.evaluate("location.origin")
    assert config["sso"] == {"tokenUrl": f"{origin}/crm/token", "provider": "CRM", "retries": 2, "timeout": 10000,
                             "headers": None}
    assert config["frame"] == ["^https:\\/\\/[a-z]+\\.example\\.com$", [], False]
    assert config["callTimeout"] == 10000 and config["operator"] == "function"
    assert config["base"] == f"{origin}/dist/"


def test_a_bad_config_downloads_nothing(page, server):
    requests = []
    page.goto(f"{server}/pages/blank.html")
    page.on("request", lambda request: requests.append(request.url))
    assert start(page, "{frameRate: 20000}")[0] == "INVALID_ARGUMENT"
    page.wait_for_timeout(200)
    assert requests == []


@pytest.mark.parametrize("options, message", [
    ("{parentOrigin: '*'}", 'options.parentOrigin must be an origin like https://forms.example.com'),
    ("{}", "options.parentOrigin is required"),
    ("{parentOrigin: 'null'}", "options.parentOrigin must be an origin"),
    ("{parentOrigin: 'https://crm.example.com', retry: 0}", "options.retry must be an integer from 10 to 60,000 (milliseconds); got 0"),
    ("{parentOrigin: 'https://crm.example.com', timout: 5}", 'unknown option "timout"'),
])
def test_the_frame_sdk_checks_its_options_from_the_same_declarations(page, server, options, message):
    page.goto(f"{server}/pages/blank.html")
    page.add_script_tag(url=f"{server}/dist/agent-bridge-frame.js")
    result = page.evaluate(f"""() => {{
        try {{ AgentBridgeFrame.connect({options}); return 'connecting'; }} catch (e) {{ return [e.code, e.message]; }}
    }}""")
    assert result[0] == "INVALID_ARGUMENT" and message in result[1], result
