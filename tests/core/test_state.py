from hypothesis import given
from hypothesis import strategies as st

from core.state import DEFAULT_STATE, encode_query, parse_positive_number, parse_query

PRECISIONS = ["fp4", "fp8"]


def test_empty_query_gives_defaults():
    state, notices = parse_query("", PRECISIONS)
    assert state == DEFAULT_STATE
    assert notices == []


def test_full_query_round_trips():
    search = (
        "?seq=8k1k&targets=57,97,136&precision=fp4,fp8&metric=cost&x=ttft"
        "&vendor=nvidia&agg=disagg&spec=mtp&log=1&optimal=0&labels=1"
        "&cost=published&basis=tco-2026-07&tier=owning&usd=2.5&kw=1.8"
        "&asof=2026-05-01"
    )
    state, notices = parse_query(search, PRECISIONS)
    assert notices == []
    assert state.seq == "8k1k"
    assert state.targets == (57, 97, 136)
    assert state.precisions == ("fp4", "fp8")
    assert state.log_y is True
    assert state.optimal_only is False
    assert state.usd_per_gpu_hour == 2.5
    assert state.as_of == "2026-05-01"
    again, _ = parse_query(encode_query(state), PRECISIONS)
    assert again == state


def test_defaults_leave_url_empty():
    assert encode_query(DEFAULT_STATE) == ""


def test_invalid_values_ignored_with_notice():
    search = "?seq=2k2k&metric=speed&log=maybe&usd=-1&kw=abc&asof=yesterday"
    state, notices = parse_query(search, PRECISIONS)
    assert state == DEFAULT_STATE
    assert len(notices) == 6
    assert any("seq=2k2k" in notice for notice in notices)
    assert any("usd=-1" in notice for notice in notices)
    assert any("asof=yesterday" in notice for notice in notices)


def test_bad_targets_dropped_good_kept():
    state, notices = parse_query("?targets=57,abc,-3,96.5", PRECISIONS)
    assert state.targets == (57, 97)
    assert len(notices) == 2


def test_unknown_parameter_noticed():
    state, notices = parse_query("?colour=red", PRECISIONS)
    assert state == DEFAULT_STATE
    assert notices == ["Ignored unknown parameter “colour”."]


def test_unknown_precision_ignored():
    state, notices = parse_query("?precision=fp16,fp8", PRECISIONS)
    assert state.precisions == ("fp8",)
    assert "fp16" in notices[0]


def test_tier_must_belong_to_basis():
    state, notices = parse_query("?basis=tco-2026-07&tier=neocloud", PRECISIONS)
    assert state.basis == "tco-2026-07"
    assert state.tier == "owning"
    assert "neocloud" in notices[0]


def test_parse_positive_number():
    assert parse_positive_number("2.5", "x") == (2.5, None)
    assert parse_positive_number("", "x") == (None, None)
    assert parse_positive_number("0", "kW")[1].startswith("Ignored kW “0”")
    assert parse_positive_number("1,5", "kW")[0] is None


def test_more_than_six_targets_noticed():
    state, notices = parse_query("?targets=" + ",".join(["50"] * 8), PRECISIONS)
    assert len(state.targets) == 6
    assert "Kept the first 6 of 8 targets" in notices[0]


def test_repeated_parameter_uses_last():
    state, notices = parse_query("?targets=60&targets=70", PRECISIONS)
    assert state.targets == (70,)
    assert "appears 2 times" in notices[0]


def test_empty_choice_list_round_trips():
    state, notices = parse_query("?spec=", PRECISIONS)
    assert state.spec == ()
    assert notices == []
    assert encode_query(state) == "?spec="


def test_custom_cost_encoded_without_exponent():
    state, _ = parse_query("?usd=1e9", PRECISIONS)
    assert encode_query(state) == "?usd=1000000000"


@given(st.text(max_size=200))
def test_parse_query_never_raises(search):
    state, notices = parse_query(search, PRECISIONS)
    assert isinstance(notices, list)
    again, _ = parse_query(encode_query(state), PRECISIONS)
    assert again == state
