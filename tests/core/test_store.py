def test_partitions_by_workload(index):
    assert set(index.partitions) == {("dsr1", 1024, 1024), ("dsr1", 8192, 1024)}
    assert index.sequences("dsr1") == ["1k1k", "8k1k"]


def test_spec_decode_pages_need_both_sides(index):
    pages = index.spec_decode_pages()
    assert ("dsr1", "gb200", "fp4") in pages
    assert ("dsr1", "b200", "fp8") in pages
    assert ("dsr1", "b300", "fp4") not in pages


def test_coverage_lists_sequences(index):
    coverage = index.spec_decode_coverage("dsr1", "gb200", "fp4")
    assert coverage == {"1k1k": {"mtp": 9, "off": 3}, "8k1k": {"mtp": 5, "off": 0}}


def test_unknown_workload_is_empty(index):
    assert index.workload("dsr1", "1k8k", None).empty


def test_sides_cached(index):
    first = index.sides("dsr1", "1k1k", "gb200", "fp4", None)
    again = index.sides("dsr1", "1k1k", "gb200", "fp4", None)
    assert first is again


def test_as_of_drops_later_runs(index):
    latest = index.workload("dsr1", "8k1k", None)
    early = index.workload("dsr1", "8k1k", "2026-01-01")
    assert len(early) < len(latest)
    dated = early["date"].dropna()
    assert (dated <= "2026-01-01").all()


def test_result_cache_computes_once(tmp_path):
    from core.store import ResultCache

    calls = []
    cache = ResultCache(4, str(tmp_path))
    assert cache.get(("chart", 1), lambda: calls.append(1) or "figure") == "figure"
    assert cache.get(("chart", 1), lambda: calls.append(1) or "other") == "figure"
    assert calls == [1]


def test_result_cache_shared_between_processes(tmp_path):
    from core.store import ResultCache

    first = ResultCache(4, str(tmp_path))
    second = ResultCache(4, str(tmp_path))  # another worker, same folder
    first.get(("table", 97), lambda: {"rows": [1, 2]})
    assert second.get(("table", 97), lambda: {"rows": "recomputed"}) == {"rows": [1, 2]}


def test_result_cache_evicts_oldest(tmp_path):
    from core.store import ResultCache

    cache = ResultCache(2, None)
    for key in ("a", "b", "c"):
        cache.get(key, lambda key=key: key.upper())
    assert list(cache.entries) == ["b", "c"]


def test_result_cache_off_always_computes():
    from core.store import ResultCache

    cache = ResultCache(0, None)
    values = iter(["first", "second"])
    assert cache.get("k", lambda: next(values)) == "first"
    assert cache.get("k", lambda: next(values)) == "second"
