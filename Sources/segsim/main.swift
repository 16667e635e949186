print("segsim")
