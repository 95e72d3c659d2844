"""The shell's dialogs: About, first run, keyboard shortcuts, workspace choices, errors and crashes."""
