"""A workspace's own edits of the playbook: categories, topics, clocks, checklists and templates."""
