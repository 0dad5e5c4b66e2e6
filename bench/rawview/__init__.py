"""The side-by-side benchmark's server: the project's settings and URLs plus the raw view."""
