"""Small helpers with no knowledge of paper lists."""
