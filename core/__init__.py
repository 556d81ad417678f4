"""Pure data and numerics for the dashboard: no Dash imports here."""
