"""Rendering: pages as HTML (Jinja2), as PDF, and the web page's font."""
