"""Comments and their threads: reading them, and adding, replying, editing, resolving and deleting them.

Owns word/comments.xml and its companions (commentsExtended.xml for threads and resolved state,
commentsIds.xml for durable ids, people.xml for authors) and the anchors in the text. Imports `review`,
`oxml`, `opc`, `errors` and `wording`; never the comparison or the session. Keeping anchors through
decisions and stripping them from a clean copy live below, in review/comment_marks.py.

Reading (read.py):

    comments = read_comments(review)      # CommentSet: .comments, .threads(), .get(id), .warnings, .people
    comment.id, .author, .initials, .date, .text, .paragraphs, .xml, .parent, .done, .para_id, .durable_id
    comment.anchor                        # Anchor(part, part_name, paragraph, text, has_range) or None
    comment.changes                       # ids of the changes its anchor covers
    comments.for_change(change_id)        # the comments on a change

Writing (edit.py): each call is one undoable step, returns a CommentStep (.journal to undo exactly,
.record a JSON-able dict that `replay(review, record)` applies again after a crash, .comment_id):

    add_comment(review, TextRange(part_name, paragraph, start, end), text, author)
    add_comment(review, review.change("12"), text, author)       # on a change's text
    reply(review, parent_id, text, author)
    edit_comment(review, comment_id, text)
    set_resolved(review, comment_id, done=True)                  # the thread's state
    delete_thread(review, comment_id)
    review.undo(step.journal)
"""
