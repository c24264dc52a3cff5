"""The merchant's books: sales history, corrections, the S1a-HKD revenue book and the threshold meter."""
