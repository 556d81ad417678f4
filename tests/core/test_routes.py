from core.routes import SpecDecodePage, parse_spec_decode_path, spec_decode_path

PAGES = [("dsr1", "gb200", "fp4"), ("dsr1", "b200", "fp8")]


def test_parse_valid_slug():
    page = parse_spec_decode_path(
        "/compare-spec-decode/deepseek-r1-gb200-fp4-mtp-vs-none", PAGES
    )
    assert page == SpecDecodePage("dsr1", "gb200", "fp4")


def test_trailing_slash_accepted():
    path = "/compare-spec-decode/deepseek-r1-b200-fp8-mtp-vs-none/"
    assert parse_spec_decode_path(path, PAGES).hw == "b200"


def test_unknown_gpu_rejected():
    path = "/compare-spec-decode/deepseek-r1-h100-fp4-mtp-vs-none"
    assert parse_spec_decode_path(path, PAGES) is None


def test_malformed_slugs_rejected():
    for path in (
        "/compare-spec-decode/",
        "/compare-spec-decode/gb200",
        "/compare-spec-decode/deepseek-r1-gb200-fp4",
        "/elsewhere/deepseek-r1-gb200-fp4-mtp-vs-none",
        "/compare-spec-decode/-mtp-vs-none",
    ):
        assert parse_spec_decode_path(path, PAGES) is None, path


def test_path_round_trip():
    page = SpecDecodePage("dsr1", "gb200", "fp4")
    assert parse_spec_decode_path(spec_decode_path(page), PAGES) == page
