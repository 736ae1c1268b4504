"""mangfold.charts"""
