"""Letters and documents: templates with typed fields, plain-language checks and output formats.

``templates`` loads ``content/letters/<id>.md``; ``fields`` checks and converts the values a letter
is filled with; ``compose`` renders one letter in the shared sandbox; ``formats`` writes it as
Markdown, plain text, HTML or Word; ``merge`` makes one letter per row of a spreadsheet.
"""
