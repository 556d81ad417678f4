"""Layout factories: functions that return Dash components, no callbacks."""
