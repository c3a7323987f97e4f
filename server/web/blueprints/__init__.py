"""web/blueprints"""
