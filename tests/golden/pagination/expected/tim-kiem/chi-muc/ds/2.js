cchcSearch.bucket("2",{"cach":["bBw","",{"cách":"="}],"day cai":["vAw"],"de":["bBg","",{"đề":"="}],"khac":["vAg","",{"khác":"="}],"thu hai":["vBA"],"trang tin":["vBA"],"tu":["vBA","",{"tư":"="}]})
