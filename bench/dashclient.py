"""A headless Dash client that makes the requests a browser would.

It reads the layout from /_dash-layout and the callbacks from
/_dash-dependencies. Then it fires callbacks the way dash-renderer does. It
makes the initial calls when the page or new components appear, and fires
every callback whose input changed after a control edit or a callback
response. Payloads are built
from the live layout, so the benchmarks need no component ids.

NOTE: MATCH and ALLSMALLER wildcards are not supported (the dashboard uses
only ALL), and clientside callbacks are skipped because they run in the
browser. Callbacks run one after another, where a browser may send
independent ones in parallel.
"""

import json
import time
from dataclasses import dataclass, field

import requests

MAX_CALLBACKS_PER_ACTION = 100
WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")


class DashClientError(RuntimeError):
    """A response the client cannot use: an error status or an empty body."""


def stringify_id(component_id) -> str:
    """Return the id as dash-renderer writes it in "id.property" strings."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def parse_id(text: str):
    return json.loads(text) if text.startswith("{") else text


def split_output(output: str) -> list[tuple[str, str]]:
    """Split a dependency's output string into (id, property) pairs."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    pairs = []
    for part in parts:
        component_id, _, prop = part.rpartition(".")
        pairs.append((component_id, prop))
    return pairs


def is_pattern(component_id) -> bool:
    return isinstance(component_id, dict) and any(
        isinstance(value, list) for value in component_id.values()
    )


def matches(pattern: dict, component_id) -> bool:
    if not isinstance(component_id, dict) or pattern.keys() != component_id.keys():
        return False
    for key, expected in pattern.items():
        if isinstance(expected, list):
            if expected[0] != "ALL":
                raise NotImplementedError(
                    f"wildcard {expected[0]} in {pattern} is not supported"
                )
        elif component_id[key] != expected:
            return False
    return True


@dataclass
class RequestRecord:
    """One HTTP request: what it was, how long it took, how much came back."""

    label: str
    status: int
    seconds: float
    body_bytes: int
    wire_bytes: int
    server_ms: float | None


@dataclass
class ActionResult:
    """The requests one user action caused, in order."""

    requests: list[RequestRecord] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(record.seconds for record in self.requests)

    @property
    def server_ms(self) -> float:
        return sum(record.server_ms or 0.0 for record in self.requests)

    @property
    def callback_count(self) -> int:
        return sum(record.label.startswith("callback ") for record in self.requests)


@dataclass
class Callback:
    output: str
    outputs: list[tuple[object, str]]
    inputs: list[tuple[object, str]]
    state: list[tuple[object, str]]
    prevent_initial_call: bool

    @classmethod
    def from_dependency(cls, dependency: dict) -> "Callback":
        def pairs(items):
            return [(parse_id(item["id"]), item["property"]) for item in items]

        outputs = [(parse_id(i), p) for i, p in split_output(dependency["output"])]
        return cls(
            output=dependency["output"],
            outputs=outputs,
            inputs=pairs(dependency["inputs"]),
            state=pairs(dependency["state"]),
            prevent_initial_call=bool(dependency.get("prevent_initial_call")),
        )

    @property
    def multi(self) -> bool:
        return self.output.startswith("..")


def _server_ms(response: requests.Response) -> float | None:
    # serving.py sends "Server-Timing: app;dur=<ms>".
    for part in response.headers.get("Server-Timing", "").split(","):
        name, _, rest = part.strip().partition(";")
        if name == "app" and rest.startswith("dur="):
            return float(rest[4:])
    return None


def _wire_bytes(response: requests.Response) -> int:
    length = response.headers.get("Content-Length")
    if length is not None and response.headers.get("Content-Encoding"):
        return int(length)
    return len(response.content)


class DashClient:
    """One simulated browser tab on a Dash app; keeps no state between tabs."""

    def __init__(self, base_url: str, session: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers.setdefault("Accept-Encoding", "br, gzip")
        self.components: dict[str, dict] = {}
        self.types: dict[str, str] = {}
        self.order: list[str] = []
        self.callbacks: list[Callback] = []

    # Requests

    def _request(self, action, label, method, path, **kwargs) -> requests.Response:
        start = time.perf_counter()
        response = self.session.request(
            method, self.base_url + path, timeout=60, **kwargs
        )
        seconds = time.perf_counter() - start
        action.requests.append(
            RequestRecord(
                label,
                response.status_code,
                seconds,
                len(response.content),
                _wire_bytes(response),
                _server_ms(response),
            )
        )
        if response.status_code != 200 or not response.content:
            raise DashClientError(
                f"{method} {path} ({label}) returned {response.status_code} "
                f"with {len(response.content)} bytes: {response.text[:300]!r}"
            )
        return response

    # Layout store

    def _register(self, value) -> list[str]:
        """Index every component inside value by its id and return new ids."""
        added = []
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict) and "props" in item and "type" in item:
                props = item["props"]
                if "id" in props:
                    key = stringify_id(props["id"])
                    if key not in self.components:
                        self.order.append(key)
                    self.components[key] = props
                    self.types[key] = item["type"]
                    added.append(key)
                stack.extend(reversed(list(props.values())))
        return added

    def _find(self, component_id) -> list[tuple[str, dict]]:
        if is_pattern(component_id):
            found = []
            for key in self.order:
                props = self.components.get(key)
                if props is not None and matches(component_id, props["id"]):
                    found.append((key, props))
            return found
        key = stringify_id(component_id)
        props = self.components.get(key)
        return [] if props is None else [(key, props)]

    def value(self, component_id, prop: str):
        """Return a property of a component from the client's layout."""
        (_, props), *_ = self._find(component_id)
        return props.get(prop)

    def component_ids(self) -> list:
        return [self.components[key]["id"] for key in self.order]

    # Callbacks

    def _describe(self, items, with_values: bool):
        described = []
        for component_id, prop in items:
            entries = []
            for _, props in self._find(component_id):
                entry = {"id": props["id"], "property": prop}
                if with_values and prop in props:
                    entry["value"] = props[prop]
                entries.append(entry)
            if is_pattern(component_id):
                described.append(entries)
            elif entries:
                described.append(entries[0])
            else:
                return None
        return described

    def _ready(self, callback: Callback) -> bool:
        """Return True when every non-wildcard input and output is on the page."""
        for component_id, _ in callback.inputs + callback.outputs:
            if not is_pattern(component_id) and not self._find(component_id):
                return False
        return True

    def _payload(self, callback: Callback, changed: list[str]) -> dict | None:
        outputs = self._describe(callback.outputs, with_values=False)
        inputs = self._describe(callback.inputs, with_values=True)
        state = self._describe(callback.state, with_values=True)
        if outputs is None or inputs is None or state is None:
            return None
        return {
            "output": callback.output,
            "outputs": outputs if callback.multi else outputs[0],
            "inputs": inputs,
            "state": state,
            "changedPropIds": changed,
        }

    def _watchers(self, prop_ids: set[str]) -> list[tuple[Callback, list[str]]]:
        """Return the callbacks with an input among prop_ids, and which ones."""
        found = []
        for callback in self.callbacks:
            changed = []
            for component_id, prop in callback.inputs:
                for key, _ in self._find(component_id):
                    if f"{key}.{prop}" in prop_ids:
                        changed.append(f"{key}.{prop}")
            if changed:
                found.append((callback, changed))
        return found

    def _initial_callbacks(self, new_ids: set[str] | None):
        """Return callbacks to fire because the page or new components appeared."""
        found = []
        for callback in self.callbacks:
            if callback.prevent_initial_call or not self._ready(callback):
                continue
            if new_ids is not None:
                touched = set()
                for component_id, _ in callback.inputs + callback.outputs:
                    touched.update(key for key, _ in self._find(component_id))
                if not touched & new_ids:
                    continue
            found.append((callback, []))
        return found

    def _run(self, action: ActionResult, queue: list[tuple[Callback, list[str]]]):
        fired = 0
        while queue:
            if fired >= MAX_CALLBACKS_PER_ACTION:
                raise DashClientError(
                    f"more than {MAX_CALLBACKS_PER_ACTION} callbacks for one action"
                )
            callback, changed = self._next(queue)
            payload = self._payload(callback, changed)
            if payload is None:
                continue
            fired += 1
            response = self._request(
                action,
                "callback " + callback.output,
                "POST",
                "/_dash-update-component",
                json=payload,
            )
            queue[:] = _merge(queue + self._apply(callback, response.json()))

    def _next(self, queue):
        """Pop a callback whose inputs no other queued callback will change."""
        pending = set()
        for callback, _ in queue:
            pending.update(stringify_id(i) + "." + p for i, p in callback.outputs)
        for index, (callback, _changed) in enumerate(queue):
            own = {stringify_id(i) + "." + p for i, p in callback.outputs}
            inputs = {stringify_id(i) + "." + p for i, p in callback.inputs}
            if not inputs & (pending - own):
                return queue.pop(index)
        return queue.pop(0)

    def _apply(self, source: Callback, body: dict) -> list[tuple[Callback, list[str]]]:
        """Store a callback response and return the callbacks it fires.

        A callback that outputs one of its own inputs is not fired again by
        its own response, as in dash-renderer's circular callback rule.
        """
        changed = set()
        new_ids = set()
        for key, props in body.get("response", {}).items():
            target = self.components.get(key)
            if target is None:
                continue
            for prop, value in props.items():
                target[prop] = value
                changed.add(f"{key}.{prop}")
                new_ids.update(self._register(value))
        queue = [
            (callback, ids)
            for callback, ids in self._watchers(changed)
            if callback.output != source.output
        ]
        if new_ids:
            queue.extend(self._initial_callbacks(new_ids))
        return _merge(queue)

    # User actions

    def load_page(self, path: str = "/") -> ActionResult:
        """Fetch the index, layout and callbacks, then run the initial callbacks."""
        action = ActionResult()
        self.components.clear()
        self.order.clear()
        self._request(action, "index", "GET", path)
        layout = self._request(action, "layout", "GET", "/_dash-layout").json()
        dependencies = self._request(
            action, "dependencies", "GET", "/_dash-dependencies"
        ).json()
        self.callbacks = [
            Callback.from_dependency(dependency)
            for dependency in dependencies
            if not dependency.get("clientside_function")
        ]
        self._register(layout)
        # dcc.Location fills in the address as soon as it mounts.
        for key, props in self.components.items():
            if self.types[key] == "Location" and "pathname" not in props:
                props.update(pathname=path, search="", hash="")
        self._run(action, self._initial_callbacks(None))
        return action

    def set_value(self, component_id, prop: str, value) -> ActionResult:
        """Change a property as a user would and run the callbacks it fires."""
        action = ActionResult()
        found = self._find(component_id)
        if not found:
            raise DashClientError(f"no component with id {component_id!r}")
        keys = set()
        for key, props in found:
            props[prop] = value
            keys.add(f"{key}.{prop}")
        self._run(action, _merge(self._watchers(keys)))
        return action


def _merge(queue):
    """Merge repeated callbacks into one call, as dash-renderer does."""
    merged: dict[str, tuple[Callback, list[str]]] = {}
    for callback, changed in queue:
        if callback.output in merged:
            merged[callback.output][1].extend(changed)
        else:
            merged[callback.output] = (callback, list(changed))
    return list(merged.values())
