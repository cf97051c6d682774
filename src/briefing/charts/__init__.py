"""Stage 3, the charts: one theme, reusable chart kinds, and each chapter's figures."""
