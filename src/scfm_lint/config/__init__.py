"""Configuration: rule data defaults, project files and command-line options."""
