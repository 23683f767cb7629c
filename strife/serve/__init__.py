"""`strife serve`: a REST API and a map dashboard over a strife database.

from strife.serve.app import create_app
app = create_app("sqlite:///strife.db")      # then: uvicorn.run(app)
"""
