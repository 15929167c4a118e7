cchcSearch.root({"v":1,"n":5,"nb":16,"ns":1,"y0":2025,"meta":"AQAAAwI"})
