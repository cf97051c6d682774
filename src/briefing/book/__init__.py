"""The book machinery: one pipeline (check, plan, execute, images, render, record, swap) that
turns a project's notebooks and pages into its site and PDF, and the engines that render them.

The briefing's content (data, chapters, charts, outputs, prose) never imports it; it knows the
chapters only through the notebooks a `project.Project` lists.
"""
