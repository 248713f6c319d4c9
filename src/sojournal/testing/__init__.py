"""Emulators and fakes for tests and demos: real servers on localhost, never mocks."""
