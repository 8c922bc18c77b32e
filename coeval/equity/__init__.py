"""The equity statistics engine: a pure library that never imports Django."""
