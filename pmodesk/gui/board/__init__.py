"""The portfolio board: project cards in stage columns and swimlanes, moved through gates.

:class:`~pmodesk.gui.board.page.BoardPage` is the page; the model, the card
delegate, the view, the gate dialog and the undoable commands live beside it.
"""
