"""Screens of the dashboard; each file is one page, listed in ekinerja.access.PAGES."""
